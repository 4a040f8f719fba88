// FHIR resources as a person reads them, for the relay's viewer page (viewer.js): grouped by kind
// (patient, allergies, conditions, medications, immunizations, vital signs, lab results, …, then any
// other type with a display text). Record text only ever goes onto the page through textContent.

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null && text !== '') e.textContent = String(text);
  return e;
}

function concept(cc) {
  if (!cc || typeof cc !== 'object') return '';
  if (typeof cc.text === 'string' && cc.text) return cc.text;
  for (const c of Array.isArray(cc.coding) ? cc.coding : []) {
    if (c && c.display) return String(c.display);
  }
  for (const c of Array.isArray(cc.coding) ? cc.coding : []) {
    if (c && c.code) return String(c.code);
  }
  return '';
}

function concepts(list) {
  return (Array.isArray(list) ? list : [list]).map(concept).filter(Boolean).join(', ');
}

const NUMBER_BIG = new Intl.NumberFormat('en', { maximumFractionDigits: 2, useGrouping: false });
const NUMBER_SMALL = new Intl.NumberFormat('en', { maximumSignificantDigits: 3, useGrouping: false });

function number(n) {
  if (typeof n !== 'number') return String(n);
  return Math.abs(n) >= 1 || n === 0 ? NUMBER_BIG.format(n) : NUMBER_SMALL.format(n);
}

function quantity(q) {
  if (!q || typeof q !== 'object') return '';
  const unit = q.unit || q.code || '';
  return ((q.comparator || '') + number(q.value) + (unit ? ' ' + unit : '')).trim();
}

function date(text) {
  if (typeof text !== 'string') return '';
  return /^\d{4}-\d{2}-\d{2}T/.test(text) ? text.slice(0, 10) : text;
}

function period(p) {
  if (!p || typeof p !== 'object') return '';
  const start = date(p.start);
  const end = date(p.end);
  return start && end && start !== end ? start + ' to ' + end : start || (end ? 'until ' + end : '');
}

function humanName(names) {
  const n = (Array.isArray(names) ? names : [names]).find((x) => x && typeof x === 'object');
  if (!n) return typeof names === 'string' ? names : '';
  if (n.text) return String(n.text);
  return [].concat(n.prefix || [], n.given || [], n.family || [], n.suffix || []).join(' ');
}

/** A value[x] (Observation, component) as text. */
function value(r) {
  if (r.valueQuantity) return quantity(r.valueQuantity);
  if (r.valueCodeableConcept) return concept(r.valueCodeableConcept);
  if (typeof r.valueString === 'string') return r.valueString;
  if (typeof r.valueBoolean === 'boolean') return r.valueBoolean ? 'yes' : 'no';
  if (typeof r.valueInteger === 'number') return String(r.valueInteger);
  if (r.valueRange) return quantity(r.valueRange.low) + ' to ' + quantity(r.valueRange.high);
  if (r.valueRatio) return quantity(r.valueRatio.numerator) + ' / ' + quantity(r.valueRatio.denominator);
  if (r.valuePeriod) return period(r.valuePeriod);
  if (typeof r.valueDateTime === 'string') return date(r.valueDateTime);
  if (typeof r.valueTime === 'string') return r.valueTime;
  if (r.dataAbsentReason) return 'no value: ' + concept(r.dataAbsentReason);
  return '';
}

function status(r, field) {
  const s = r[field];
  return typeof s === 'string' ? s : concept(s);
}

function joined(...parts) {
  return parts.filter((p) => p !== undefined && p !== null && p !== '').join(' · ');
}

function firstDate(r, ...fields) {
  for (const f of fields) {
    if (typeof r[f] === 'string') return date(r[f]);
    if (r[f] && typeof r[f] === 'object' && r[f].start) return period(r[f]);
  }
  return '';
}

/** The name of a medication, also when the resource names a Medication elsewhere in the share. */
function medication(r, find) {
  if (r.medicationCodeableConcept) return concept(r.medicationCodeableConcept);
  const ref = r.medicationReference;
  if (ref) {
    const named = find(ref.reference);
    return (named && concept(named.code)) || ref.display || 'Medication';
  }
  return 'Medication';
}

function genericName(r) {
  for (const f of ['code', 'vaccineCode', 'medicationCodeableConcept', 'type', 'category', 'class']) {
    const text = Array.isArray(r[f]) ? concepts(r[f]) : concept(r[f]);
    if (text) return text;
  }
  if (r.name) return typeof r.name === 'string' ? r.name : humanName(r.name);
  if (typeof r.title === 'string') return r.title;
  if (typeof r.description === 'string') return r.description;
  return r.id ? 'id ' + r.id : '';
}

/** {name, value, meta, when} of one resource, by its type. */
function describe(r, find) {
  switch (r.resourceType) {
    case 'Patient':
      return { name: humanName(r.name) || 'Patient', value: joined(r.birthDate && 'born ' + r.birthDate, r.gender),
        meta: '', when: '' };
    case 'AllergyIntolerance': {
      const reactions = (Array.isArray(r.reaction) ? r.reaction : [])
        .map((x) => concepts(x.manifestation) + (x.severity ? ' (' + x.severity + ')' : '')).filter(Boolean).join(', ');
      const when = firstDate(r, 'onsetDateTime', 'recordedDate', 'onsetPeriod');
      return { name: concept(r.code) || 'Allergy', value: joined(reactions, r.criticality && 'criticality ' + r.criticality),
        meta: joined(status(r, 'clinicalStatus'), when), when };
    }
    case 'Condition': {
      const when = firstDate(r, 'onsetDateTime', 'recordedDate', 'onsetPeriod');
      const ended = firstDate(r, 'abatementDateTime');
      return { name: concept(r.code) || 'Condition', value: joined(status(r, 'clinicalStatus'), ended && 'ended ' + ended),
        meta: joined(when && 'since ' + when), when };
    }
    case 'MedicationRequest':
    case 'MedicationStatement':
    case 'MedicationAdministration':
    case 'MedicationDispense': {
      const dosage = [].concat(r.dosageInstruction || r.dosage || []).map((d) => d && d.text).filter(Boolean).join('; ');
      const when = firstDate(r, 'authoredOn', 'effectiveDateTime', 'effectivePeriod', 'whenHandedOver');
      return { name: medication(r, find), value: joined(dosage, r.status), meta: when, when };
    }
    case 'Immunization': {
      const when = firstDate(r, 'occurrenceDateTime', 'occurrenceString');
      return { name: concept(r.vaccineCode) || 'Immunization', value: r.status === 'completed' ? '' : r.status,
        meta: when, when };
    }
    case 'Observation': {
      const parts = (Array.isArray(r.component) ? r.component : [])
        .map((c) => (concept(c.code) ? concept(c.code) + ': ' : '') + value(c)).filter(Boolean);
      const interpretation = concepts(r.interpretation || []);
      const when = firstDate(r, 'effectiveDateTime', 'effectivePeriod', 'effectiveInstant', 'issued');
      return { name: concept(r.code) || 'Observation', value: joined(value(r), parts.join('; '), interpretation),
        meta: when, when };
    }
    case 'DiagnosticReport': {
      const when = firstDate(r, 'effectiveDateTime', 'effectivePeriod', 'issued');
      return { name: concept(r.code) || 'Report', value: r.conclusion || '', meta: when, when };
    }
    case 'Procedure': {
      const when = firstDate(r, 'performedDateTime', 'performedPeriod');
      return { name: concept(r.code) || 'Procedure', value: r.status || '', meta: when, when };
    }
    case 'Encounter': {
      const when = firstDate(r, 'period');
      return { name: concepts(r.type || []) || (r.class && (r.class.display || r.class.code)) || 'Encounter',
        value: concepts(r.reasonCode || []), meta: when, when };
    }
    case 'Composition':
      return { name: r.title || 'Document', value: concept(r.type), meta: date(r.date), when: r.date || '' };
    default: {
      const when = firstDate(r, 'date', 'effectiveDateTime', 'occurrenceDateTime', 'created', 'authoredOn', 'period');
      return { name: genericName(r), value: typeof r.status === 'string' ? r.status : '', meta: when, when };
    }
  }
}

function categoryCodes(r) {
  const codes = [];
  for (const cc of Array.isArray(r.category) ? r.category : []) {
    for (const c of (cc && Array.isArray(cc.coding) ? cc.coding : [])) if (c && c.code) codes.push(c.code);
  }
  return codes;
}

const GROUPS = [
  ['patient', 'Patient'], ['allergies', 'Allergies and intolerances'], ['conditions', 'Conditions'],
  ['medications', 'Medications'], ['immunizations', 'Immunizations'], ['vitals', 'Vital signs'],
  ['labs', 'Lab results'], ['observations', 'Other observations'], ['reports', 'Reports'],
  ['procedures', 'Procedures'], ['encounters', 'Encounters'], ['documents', 'Documents'],
];

function groupOf(r) {
  switch (r.resourceType) {
    case 'Patient': return 'patient';
    case 'AllergyIntolerance': return 'allergies';
    case 'Condition': return 'conditions';
    case 'MedicationRequest': case 'MedicationStatement': case 'MedicationAdministration': case 'MedicationDispense':
      return 'medications';
    case 'Immunization': return 'immunizations';
    case 'Observation': {
      const codes = categoryCodes(r);
      return codes.includes('vital-signs') ? 'vitals' : codes.includes('laboratory') ? 'labs' : 'observations';
    }
    case 'DiagnosticReport': return 'reports';
    case 'Procedure': return 'procedures';
    case 'Encounter': return 'encounters';
    case 'Composition': case 'DocumentReference': return 'documents';
    default: return 'other:' + r.resourceType;
  }
}

/** Every resource in these files, a Bundle's entries one by one (nested Bundles too). */
function flatten(items) {
  const out = [];
  const walk = (r, fullUrl, depth) => {
    if (!r || typeof r !== 'object' || typeof r.resourceType !== 'string' || depth > 4) return;
    if (r.resourceType === 'Bundle') {
      for (const e of Array.isArray(r.entry) ? r.entry : []) walk(e && e.resource, e && e.fullUrl, depth + 1);
    } else {
      out.push({ resource: r, fullUrl });
    }
  };
  items.forEach((r) => walk(r, undefined, 0));
  return out;
}

/** Fills the element `records` with the resources of these decrypted files. */
export function render(records, items, recipient, notes) {
  const all = flatten(items);
  const byRef = new Map();
  for (const { resource, fullUrl } of all) {
    if (resource.id) byRef.set(resource.resourceType + '/' + resource.id, resource);
    if (fullUrl) byRef.set(fullUrl, resource);
  }
  const find = (ref) => (typeof ref === 'string' ? byRef.get(ref) : undefined);
  const groups = new Map();
  for (const { resource } of all) {
    // Medications named by others are shown by name where they are used.
    if (resource.resourceType === 'Medication') continue;
    const key = groupOf(resource);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(describe(resource, find));
  }
  const known = GROUPS.filter(([key]) => groups.has(key));
  const others = [...groups.keys()].filter((k) => k.startsWith('other:')).sort()
    .map((k) => [k, k.slice('other:'.length)]);
  records.replaceChildren();
  const shown = [...groups.values()].reduce((n, g) => n + g.length, 0);
  records.append(el('p', 'summary', shown + (shown === 1 ? ' record' : ' records') + ', opened as ' + recipient
    + '. This access is recorded on the ledger; the patient can see it.'));
  for (const note of notes) records.append(el('p', 'note', note));
  for (const [key, title] of known.concat(others)) {
    const list = groups.get(key).sort((a, b) => (b.when || '').localeCompare(a.when || ''));
    const section = el('section', 'group');
    section.append(el('h3', null, title + ' (' + list.length + ')'));
    for (const d of list) {
      const row = el('div', 'item');
      row.append(el('div', 'name', d.name), el('div', 'value', d.value), el('div', 'meta', d.meta));
      section.append(row);
    }
    records.append(section);
  }
  records.hidden = false;
}
