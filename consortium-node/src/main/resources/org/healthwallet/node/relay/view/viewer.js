// HealthWallet's web viewer for SMART Health Links, served by the relay at /view. The link arrives
// in the address's fragment (#shlink:/…), which browsers never send to a server. The files are
// decrypted here (shl.js) and shown readably (records.js); the relay only sees what any SMART
// Health Links viewer sends it (the recipient and the passcode).
import { BAD_LINK, ViewerError, contents, decrypt, fetchFiles, parseLink } from '/view/shl.js';
import { render } from '/view/records.js';

const $ = (id) => document.getElementById(id);

function say(text, isError) {
  const status = $('status');
  status.textContent = text;
  status.className = isError ? 'error' : '';
  status.hidden = false;
}

async function open(link, cryptoKey) {
  const recipient = $('recipient').value.trim();
  const passcode = $('passcode').value;
  if (!recipient) {
    say('Enter your name: the relay records who opens the link, and the patient sees it.', true);
    return;
  }
  if (link.flag.includes('P') && !passcode) {
    say('Enter the passcode the patient gave you.', true);
    return;
  }
  $('open').disabled = true;
  say('Asking the relay (it records this access on the ledger first)…', false);
  try {
    const files = await fetchFiles(link, recipient, passcode);
    say('Decrypting in this browser…', false);
    const items = [];
    const notes = [];
    for (const file of files) {
      const plain = await decrypt(file.jwe, cryptoKey);
      items.push(...await contents(file, plain, notes));
    }
    render($('records'), items, recipient, notes);
    $('access').hidden = true;
    $('status').hidden = true;
  } catch (e) {
    say(e instanceof ViewerError ? e.message : 'The records could not be shown: ' + e.message, true);
    if (e.passcode) {
      $('passcode').value = '';
      $('passcode').focus();
    }
  } finally {
    $('open').disabled = false;
  }
}

async function start() {
  let link;
  try {
    link = parseLink(location.hash);
  } catch (e) {
    say(e instanceof ViewerError ? e.message : BAD_LINK + e.message, true);
    return;
  }
  $('label').textContent = link.label || 'Shared health records';
  $('link').hidden = false;
  if (link.exp !== undefined) {
    const expiry = new Date(link.exp * 1000);
    if (expiry.getTime() <= Date.now()) {
      $('expiry').textContent = 'Expired ' + expiry.toLocaleString() + '.';
      say('This link has expired. Ask the patient for a new one.', true);
      return;
    }
    $('expiry').textContent = 'Available until ' + expiry.toLocaleString() + '.';
  } else {
    $('expiry').textContent = 'This link does not expire.';
  }
  if (!window.crypto || !crypto.subtle) {
    say('This browser cannot decrypt here: the page must be opened over https (or on this computer).', true);
    return;
  }
  // The key becomes a non-extractable CryptoKey; the raw bytes are wiped.
  const cryptoKey = await crypto.subtle.importKey('raw', link.key, { name: 'AES-GCM' }, false, ['decrypt']);
  link.key.fill(0);
  $('passcode-row').hidden = !link.flag.includes('P');
  $('access').hidden = false;
  $('access').addEventListener('submit', (event) => {
    event.preventDefault();
    open(link, cryptoKey);
  });
  $('recipient').focus();
}

window.addEventListener('hashchange', () => location.reload());
start();
