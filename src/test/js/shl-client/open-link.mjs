// Opens a HealthWallet SMART Health Link with a third-party receiver: the SHLViewer of
// kill-the-clipboard (pinned in package-lock.json). Run by ThirdPartyShlClientTest.
//
//   SHL_LINK=… SHL_PASSCODE=… SHL_WRONG_PASSCODE=… node open-link.mjs RECIPIENT
//
// The link (it holds the key) and the passcodes come from the environment, never the command line.
// Prints one JSON object: what the library read from the link, what a wrong passcode gave, and
// for two manifest requests (files embedded, then files by location) the manifest's file forms
// and the FHIR resources it decrypted (a Bundle's entries listed one by one).
import { SHLViewer } from 'kill-the-clipboard';

const [recipient] = process.argv.slice(2);
const { SHL_LINK: link, SHL_PASSCODE: passcode, SHL_WRONG_PASSCODE: wrongPasscode } = process.env;
if (!link || !recipient || !passcode || !wrongPasscode) {
  console.error('usage: SHL_LINK=… SHL_PASSCODE=… SHL_WRONG_PASSCODE=… node open-link.mjs RECIPIENT');
  process.exit(2);
}

// The library reads `shlink:/…` and the viewer-prefixed `https://…#shlink:/…` alike.
const viewer = new SHLViewer({ shlinkURI: link });
const shl = viewer.shl;

function resourcesOf(resolved) {
  const out = [];
  for (const resource of resolved.fhirResources) {
    if (resource.resourceType === 'Bundle') {
      for (const entry of resource.entry ?? []) {
        out.push({ resourceType: entry.resource?.resourceType, id: entry.resource?.id, in: 'Bundle/' + resource.type });
      }
    } else {
      out.push({ resourceType: resource.resourceType, id: resource.id, in: null });
    }
  }
  return out;
}

async function open(embeddedLengthMax) {
  const resolved = await viewer.resolveSHL({ recipient, passcode, embeddedLengthMax });
  return {
    files: resolved.manifest.files.map((f) => ({
      contentType: f.contentType,
      form: 'embedded' in f ? 'embedded' : 'location',
      locationScheme: 'location' in f ? new URL(f.location).protocol : null,
    })),
    smartHealthCards: resolved.smartHealthCards.length,
    resources: resourcesOf(resolved),
  };
}

let wrong;
try {
  await viewer.resolveSHL({ recipient, passcode: wrongPasscode });
  wrong = { error: null };
} catch (e) {
  wrong = { error: e.constructor.name, message: e.message };
}

const embedded = await open(10_000_000);
const byLocation = await open(0);

console.log(JSON.stringify({
  link: { label: shl.label ?? null, flag: shl.flag ?? null, exp: shl.exp ?? null, url: shl.url, requiresPasscode: shl.requiresPasscode },
  wrongPasscode: wrong,
  embedded,
  byLocation,
}));
