package org.healthwallet.node.relay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code PUT /shares/{id}} (docs/relay-api.md): the new encrypted files of a long-term
 * (flag L) share, each as in a create. Parsed as strictly as {@link ShareUpload}.
 * <pre>
 * {"v":1,"files":[{"contentType":"application/fhir+json","jwe":"eyJ…"}]}
 * </pre>
 */
record FileUpdate(List<ShareUpload.File> files) {
    FileUpdate {
        files = List.copyOf(files);
    }

    static FileUpdate parse(byte[] body) throws BadRequestException {
        JsonNode root = ShareUpload.readJson(body);
        if (!root.isObject()) {
            throw new BadRequestException(400, "The update must be a JSON object.");
        }
        for (var it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equals("v") && !name.equals("files")) {
                throw new BadRequestException(400, "An update holds only \"v\" and \"files\"; the share's expiry, flags and"
                        + " passcode stay as created.");
            }
        }
        JsonNode v = root.get("v");
        if (v == null || !v.isIntegralNumber() || v.asLong() != 1) {
            throw new BadRequestException(400, "The update's \"v\" must be 1.");
        }
        JsonNode list = root.get("files");
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > ShareUpload.MAX_FILES) {
            throw new BadRequestException(400, "The update's \"files\" must list 1 to " + ShareUpload.MAX_FILES
                    + " encrypted files.");
        }
        List<ShareUpload.File> files = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            files.add(ShareUpload.file(list.get(i), i));
        }
        return new FileUpdate(files);
    }

    @Override
    public String toString() {
        return "FileUpdate[" + files.size() + " files]";
    }
}
