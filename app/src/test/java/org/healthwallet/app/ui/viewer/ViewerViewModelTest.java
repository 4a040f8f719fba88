package org.healthwallet.app.ui.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.concurrent.Worker;
import org.healthwallet.app.ErrorLog;
import org.healthwallet.app.TestFiles;
import org.healthwallet.app.ui.Fx;
import org.healthwallet.app.ui.FxBackground;
import org.healthwallet.app.ui.common.Failures;
import org.healthwallet.app.ui.common.UserText;
import org.healthwallet.core.records.Category;
import org.healthwallet.core.share.Jwe;
import org.healthwallet.core.share.QrCode;
import org.healthwallet.core.share.ShareKey;
import org.healthwallet.core.share.ShareLink;
import org.healthwallet.core.share.ShlReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor's viewer against a real HTTP server on loopback that answers as a relay would: the
 * records (a JWE of the sample patient), or 401 with attempts left, 404, 429 with Retry-After.
 */
class ViewerViewModelTest {
    @TempDir
    Path temp;

    @RegisterExtension
    final FxBackground fx = new FxBackground();
    private final SecureRandom random = new SecureRandom();
    private final ShareKey key = ShareKey.generate(random);
    private final List<String> requests = new ArrayList<>();
    private HttpServer server;
    private volatile int status = 200;
    private volatile String body = "";
    private volatile String retryAfter;

    @BeforeEach
    void relay() throws Exception {
        String bundle = Files.readString(TestFiles.samplePatient());
        String jwe = new Jwe(random).encrypt(bundle.getBytes(StandardCharsets.UTF_8), key,
                Jwe.Options.of("application/fhir+json", true));
        body = "{\"files\":[{\"contentType\":\"application/fhir+json\",\"embedded\":\"" + jwe + "\"}]}";
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/shl/", exchange -> {
            synchronized (requests) {
                requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            }
            if (retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            byte[] answer = (status == 200 ? body : status == 401 ? "{\"remainingAttempts\":2}" : "{}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ViewerViewModel model() {
        ShlReceiver receiver = ShlReceiver.create();
        return new ViewerViewModel(receiver::open, fx.background(), new Failures(new ErrorLog(temp.resolve("log"))));
    }

    private String link(Set<ShareLink.Flag> flags, Instant expires) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/shl/abc123");
        return ShareLink.of(url, key, Optional.of(expires), flags, Optional.of("For Dr. Ng")).toShlinkUri();
    }

    private String passcodeLink() {
        return link(Set.of(ShareLink.Flag.P), Instant.now().plus(1, ChronoUnit.HOURS));
    }

    private UserText openAndFail(ViewerViewModel model) throws Exception {
        var task = Fx.call(model::open);
        Fx.await(task);
        assertThat(Fx.call(task::getState)).isEqualTo(Worker.State.FAILED);
        return model.errorProperty().get();
    }

    @Test
    void opensAPasscodeLinkAndShowsTheSharedRecordsReadOnly() throws Exception {
        ViewerViewModel model = model();
        Fx.run(() -> model.linkProperty().set("https://relay.example/view#" + passcodeLink()));
        assertThat(model.needsPasscodeProperty().get()).isTrue();
        assertThat(model.labelProperty().get()).isEqualTo("For Dr. Ng");
        Fx.run(() -> {
            model.recipientProperty().set("Dr. Ng, City Clinic");
            model.passcodeProperty().set("tulip-42");
        });
        var task = Fx.call(model::open);
        Fx.await(task);

        assertThat(model.errorProperty().get()).isNull();
        assertThat(model.showingRecordsProperty().get()).isTrue();
        assertThat(model.openedProperty().get().count(Category.ALLERGIES)).isEqualTo(3);
        assertThat(model.records()).hasSize(model.openedProperty().get().index().size());
        assertThat(model.detailProperty().get()).isNotNull();
        assertThat(model.jsonProperty().get()).contains("\"resourceType\"");
        assertThat(model.passcodeProperty().get()).isEmpty();
        assertThat(requests).singleElement().satisfies(sent -> assertThat(sent)
                .contains("\"recipient\":\"Dr. Ng, City Clinic\"").contains("\"passcode\":\"tulip-42\""));

        Fx.run(model::openAnother);
        assertThat(model.showingRecordsProperty().get()).isFalse();
        assertThat(model.records()).isEmpty();
        assertThat(model.linkProperty().get()).isEmpty();
    }

    @Test
    void wrongPasscodeSaysHowManyTriesAreLeft() throws Exception {
        status = 401;
        ViewerViewModel model = model();
        Fx.run(() -> {
            model.linkProperty().set(passcodeLink());
            model.recipientProperty().set("Dr. Ng");
            model.passcodeProperty().set("wrong-one");
        });
        assertThat(openAndFail(model)).isEqualTo(UserText.of("viewer.error.wrongPasscode.left", 2));
        assertThat(model.showingRecordsProperty().get()).isFalse();
    }

    @Test
    void revokedOrUnknownAndRateLimitedLinksGetTheirOwnMessages() throws Exception {
        ViewerViewModel model = model();
        Fx.run(() -> {
            model.linkProperty().set(link(Set.of(), Instant.now().plus(1, ChronoUnit.HOURS)));
            model.recipientProperty().set("Dr. Ng");
        });
        assertThat(model.needsPasscodeProperty().get()).isFalse();
        status = 404;
        assertThat(openAndFail(model)).isEqualTo(UserText.of("viewer.error.notFound"));
        status = 429;
        retryAfter = "30";
        assertThat(openAndFail(model)).isEqualTo(UserText.of("viewer.error.tooMany.wait", 30L));
        status = 503;
        retryAfter = null;
        assertThat(openAndFail(model)).isEqualTo(UserText.of("viewer.error.unavailable"));
    }

    @Test
    void anExpiredLinkIsRefusedWithoutAskingTheServer() throws Exception {
        ViewerViewModel model = model();
        Fx.run(() -> {
            model.linkProperty().set(link(Set.of(), Instant.now().minus(1, ChronoUnit.HOURS)));
            model.recipientProperty().set("Dr. Ng");
        });
        assertThat(openAndFail(model)).isEqualTo(UserText.of("viewer.error.expired"));
        assertThat(requests).isEmpty();
    }

    @Test
    void checksTheFormBeforeAnyRequest() throws Exception {
        ViewerViewModel model = model();
        assertThat(Fx.call(model::open)).isNull();
        assertThat(model.errorProperty().get()).isEqualTo(UserText.of("viewer.error.noLink"));
        Fx.run(() -> model.linkProperty().set(passcodeLink()));
        assertThat(Fx.call(model::open)).isNull();
        assertThat(model.errorProperty().get()).isEqualTo(UserText.of("viewer.error.noRecipient"));
        Fx.run(() -> model.recipientProperty().set("Dr. Ng"));
        assertThat(Fx.call(model::open)).isNull();
        assertThat(model.errorProperty().get()).isEqualTo(UserText.of("viewer.error.passcodeNeeded"));
        assertThat(requests).isEmpty();

        Fx.run(() -> model.linkProperty().set("shlink:/not-a-link!"));
        UserText malformed = openAndFail(model);
        assertThat(malformed.key()).isEqualTo("viewer.error.malformed");
        assertThat(malformed.args()).singleElement().asString().isNotBlank();
    }

    @Test
    void readsTheLinkFromAQrCodeImage() throws Exception {
        ViewerViewModel model = model();
        String text = passcodeLink();
        Path png = temp.resolve("qr.png");
        Files.write(png, QrCode.encode(text, 400));
        Fx.await(Fx.call(() -> model.readQrImage(png)));
        assertThat(model.linkProperty().get()).isEqualTo(text);
        assertThat(model.needsPasscodeProperty().get()).isTrue();

        Path notImage = temp.resolve("notes.txt");
        Files.writeString(notImage, "hello");
        Fx.await(Fx.call(() -> model.readQrImage(notImage)));
        assertThat(model.errorProperty().get()).isNotNull();
        assertThat(model.errorProperty().get().literal()).isNotBlank();
        assertThat(model.linkProperty().get()).isEqualTo(text);
    }
}
