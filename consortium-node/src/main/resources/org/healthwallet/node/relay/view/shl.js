// SMART Health Links (HL7 STU1) in the browser, for the relay's viewer page (viewer.js): reads the
// link from the address's fragment, asks this relay for the files like any viewer, and decrypts them
// with WebCrypto. The key never leaves the browser; the relay receives the recipient and passcode only.

const MAX_ANSWER = 80 * 1024 * 1024;     // bytes of one answer from the relay
const MAX_PLAINTEXT = 50 * 1024 * 1024;  // bytes of one decrypted (and inflated) file

/** A problem with a sentence for the person at the screen. */
export class ViewerError extends Error {}

// ---- the link -------------------------------------------------------------------------------

function base64urlBytes(text, what) {
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]*$/.test(text)) {
    throw new ViewerError(what + ' is not base64url.');
  }
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  let binary;
  try {
    binary = atob(b64 + '==='.slice((b64.length + 3) % 4));
  } catch (e) {
    throw new ViewerError(what + ' is not base64url: its length is wrong.');
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function utf8(bytes, what) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    throw new ViewerError(what + ' is not UTF-8 text.');
  }
}

function json(text, what) {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ViewerError(what + ' is not valid JSON.');
  }
}

export const BAD_LINK = 'This is not a working SMART Health Link: ';

/** The SMART Health Link payload {url, key, exp, flag, label, v} from the fragment, checked. */
export function parseLink(fragment) {
  let text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (text.includes('%')) {
    try { text = decodeURIComponent(text); } catch (e) { /* checked below */ }
  }
  if (!text.startsWith('shlink:/')) {
    throw new ViewerError('This page was opened without a link. Open the address from the patient\'s QR code: '
      + 'it ends in #shlink:/… .');
  }
  let payload;
  try {
    payload = json(utf8(base64urlBytes(text.slice('shlink:/'.length), 'the link'), 'the link'), 'the link');
  } catch (e) {
    throw new ViewerError(BAD_LINK + e.message + ' It may have been cut off when it was copied.');
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new ViewerError(BAD_LINK + 'its content is not a JSON object.');
  }
  if (payload.v !== undefined && payload.v !== 1) {
    throw new ViewerError(BAD_LINK + 'it is of version ' + payload.v + ', which this viewer does not know.');
  }
  let url;
  try {
    url = new URL(payload.url);
  } catch (e) {
    throw new ViewerError(BAD_LINK + 'it has no valid address ("url").');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ViewerError(BAD_LINK + 'its address is not a web address.');
  }
  // This page talks only to the relay that served it (its Content-Security-Policy says so too).
  if (url.origin !== location.origin) {
    throw new ViewerError('This link is kept by another relay (' + url.origin + '). Open it in that relay\'s viewer, '
      + 'in the HealthWallet app, or in another SMART Health Links viewer.');
  }
  if (typeof payload.key !== 'string' || payload.key.length !== 43) {
    throw new ViewerError(BAD_LINK + 'its key is missing or not 43 characters long.');
  }
  const key = base64urlBytes(payload.key, 'the link\'s key');
  if (key.length !== 32) throw new ViewerError(BAD_LINK + 'its key is not 32 bytes.');
  if (payload.exp !== undefined && (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp))) {
    throw new ViewerError(BAD_LINK + 'its expiry ("exp") is not a number.');
  }
  const flag = payload.flag === undefined ? '' : payload.flag;
  if (typeof flag !== 'string' || !/^[LPU]*$/.test(flag)) {
    throw new ViewerError(BAD_LINK + 'its flags are not letters of L, P and U.');
  }
  if (payload.label !== undefined && (typeof payload.label !== 'string' || payload.label.length > 80)) {
    throw new ViewerError(BAD_LINK + 'its label is not text of at most 80 characters.');
  }
  return { url: url.href, key, exp: payload.exp, flag, label: payload.label || '' };
}

// ---- talking to the relay -------------------------------------------------------------------

const REQUEST = { credentials: 'omit', cache: 'no-store', redirect: 'error', referrerPolicy: 'no-referrer' };

async function request(url, init) {
  try {
    return await fetch(url, Object.assign({}, REQUEST, init));
  } catch (e) {
    throw new ViewerError('The relay could not be reached. Check the network connection and try again.');
  }
}

async function readBounded(stream, max, tooLarge) {
  const reader = stream.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      throw new ViewerError(tooLarge);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

async function bodyText(response) {
  if (!response.body) return '';
  const bytes = await readBounded(response.body, MAX_ANSWER, 'The relay\'s answer is larger than this viewer accepts.');
  return new TextDecoder().decode(bytes);
}

function seconds(response, fallback) {
  const n = parseInt(response.headers.get('Retry-After') || '', 10);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** A refusal in words; 401 also says how many passcode attempts are left. */
async function refusal(response, passcodeGiven) {
  let said = {};
  try { said = JSON.parse(await bodyText(response)) || {}; } catch (e) { said = {}; }
  switch (response.status) {
    case 401: {
      const left = Number.isInteger(said.remainingAttempts) ? said.remainingAttempts : null;
      const attempts = left === null ? ''
        : left === 0 ? ' No attempts are left: the link is now disabled.'
        : ' ' + left + (left === 1 ? ' attempt is left.' : ' attempts are left.');
      const error = new ViewerError((passcodeGiven ? 'The passcode is wrong.' : 'This link needs a passcode.') + attempts);
      error.passcode = true;
      return error;
    }
    case 404:
      return new ViewerError('This link is not active: it has expired, was revoked, or this relay does not know it. '
        + 'Ask the patient for a new link.');
    case 429:
      return new ViewerError('Too many requests for this link. Wait ' + seconds(response, 5) + ' seconds and try again.');
    case 503:
      return new ViewerError('The relay cannot record this access on the ledger right now, so it shows nothing. Try again in '
        + seconds(response, 5) + ' seconds.');
    default: {
      const why = typeof said.error === 'string' ? ' ' + said.error : '';
      return new ViewerError('The relay refused the request (HTTP ' + response.status + ').' + why);
    }
  }
}

/** The encrypted files of the link: [{contentType, jwe}], after the relay has logged the access. */
export async function fetchFiles(link, recipient, passcode) {
  if (link.flag.includes('U')) {
    const response = await request(link.url + (link.url.includes('?') ? '&' : '?') + 'recipient='
      + encodeURIComponent(recipient), { method: 'GET' });
    if (!response.ok) throw await refusal(response, false);
    return [{ contentType: 'application/fhir+json', jwe: await bodyText(response) }];
  }
  const ask = { recipient };
  if (link.flag.includes('P')) ask.passcode = passcode;
  const response = await request(link.url, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ask),
  });
  if (!response.ok) throw await refusal(response, passcode !== '');
  const manifest = json(await bodyText(response), 'The relay\'s answer');
  if (!manifest || !Array.isArray(manifest.files)) {
    throw new ViewerError('The relay\'s answer lists no files.');
  }
  const files = [];
  for (const file of manifest.files) {
    if (typeof file.embedded === 'string') {
      files.push({ contentType: file.contentType, jwe: file.embedded });
    } else if (typeof file.location === 'string') {
      let at;
      try { at = new URL(file.location); } catch (e) { throw new ViewerError('The relay named a file at an invalid address.'); }
      if (at.origin !== location.origin) throw new ViewerError('The relay named a file on another server; it was not fetched.');
      const got = await request(at.href, { method: 'GET' });
      if (!got.ok) throw await refusal(got, false);
      files.push({ contentType: file.contentType, jwe: await bodyText(got) });
    } else {
      throw new ViewerError('The relay listed a file with neither "embedded" nor "location".');
    }
  }
  return files;
}

// ---- decryption -----------------------------------------------------------------------------

async function inflateRaw(bytes) {
  if (typeof DecompressionStream === 'undefined') {
    throw new ViewerError('This browser cannot decompress the shared file; use a current browser or the HealthWallet app.');
  }
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  try {
    return await readBounded(stream, MAX_PLAINTEXT, 'A shared file is larger than 50 MB once decompressed; it was not opened.');
  } catch (e) {
    if (e instanceof ViewerError) throw e;
    throw new ViewerError('A shared file\'s compressed content is damaged.');
  }
}

/** Opens a compact JWE (alg dir, enc A256GCM, optional zip DEF): all or nothing. */
export async function decrypt(compact, key) {
  const parts = compact.trim().split('.');
  if (parts.length !== 5) throw new ViewerError('A shared file is not a compact JWE (5 parts separated by dots).');
  const header = json(utf8(base64urlBytes(parts[0], 'A shared file\'s header'), 'A shared file\'s header'),
    'A shared file\'s header');
  if (!header || header.alg !== 'dir' || header.enc !== 'A256GCM') {
    throw new ViewerError('A shared file is not encrypted as SMART Health Links require (alg "dir", enc "A256GCM").');
  }
  if (header.zip !== undefined && header.zip !== 'DEF') throw new ViewerError('A shared file is compressed in an unknown way.');
  if (header.crit !== undefined) throw new ViewerError('A shared file needs extensions this viewer does not know ("crit").');
  if (parts[1] !== '') throw new ViewerError('A shared file carries an encrypted key; with "dir" that part must be empty.');
  const iv = base64urlBytes(parts[2], 'A shared file\'s IV');
  const ciphertext = base64urlBytes(parts[3], 'A shared file\'s ciphertext');
  const tag = base64urlBytes(parts[4], 'A shared file\'s tag');
  if (iv.length !== 12 || tag.length !== 16) throw new ViewerError('A shared file\'s IV or tag has the wrong length.');
  const sealed = new Uint8Array(ciphertext.length + tag.length);
  sealed.set(ciphertext);
  sealed.set(tag, ciphertext.length);
  let plain;
  try {
    plain = new Uint8Array(await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(parts[0]), tagLength: 128 }, key, sealed));
  } catch (e) {
    throw new ViewerError('A shared file does not open with this link\'s key: it was changed, damaged, or belongs to another link.');
  }
  if (header.zip === 'DEF') plain = await inflateRaw(plain);
  return { contentType: typeof header.cty === 'string' ? header.cty : null, bytes: plain };
}

/** The FHIR resources of one decrypted file, and notes about what could not be shown. */
export async function contents(file, plain, notes) {
  const type = file.contentType || plain.contentType || 'application/fhir+json';
  const text = utf8(plain.bytes, 'A shared file');
  if (type === 'application/fhir+json') return [json(text, 'A shared file')];
  if (type === 'application/smart-health-card') {
    const card = json(text, 'A SMART Health Card');
    const found = [];
    for (const jws of (card && Array.isArray(card.verifiableCredential) ? card.verifiableCredential : [])) {
      const parts = String(jws).split('.');
      if (parts.length !== 3) throw new ViewerError('A SMART Health Card is not a compact JWS.');
      const payload = json(utf8(await inflateRaw(base64urlBytes(parts[1], 'A SMART Health Card')), 'A SMART Health Card'),
        'A SMART Health Card');
      const bundle = payload && payload.vc && payload.vc.credentialSubject && payload.vc.credentialSubject.fhirBundle;
      if (bundle) found.push(bundle);
    }
    notes.push('Some records come from a SMART Health Card; this viewer does not check its issuer\'s signature.');
    return found;
  }
  if (type === 'application/smart-api-access') {
    notes.push('This link also gives access to a FHIR server (SMART API access), which this viewer does not open.');
    return [];
  }
  notes.push('A shared file of type ' + type + ' cannot be shown here.');
  return [];
}
