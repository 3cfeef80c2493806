// What to ask Pagefind for a reader's query: words as typed, or one document-number token.
//
// Document numbers are indexed as one folded token per document (plugins/search_index/
// fields.py): "208-QĐ/TW" -> "208qdtw", "36/2018/TT-BTC" -> "362018ttbtc" and "36tt".
// Every spelling a reader types is rewritten to that token or to a prefix of it (Pagefind
// matches query words as prefixes): "208-qd/tw", "208 - QĐi/TW" -> "208qdtw";
// "qđ 208", "Quy định 208", "Quy định số 208" -> "208qd".

import { hasD, hasMarks, key, normalize } from "./fold.js";

const SEP = "[-\u2010-\u2015\u2212/]";
const ID_RE = new RegExp(`^\\d{1,5}(?:\\s*${SEP}\\s*[a-z0-9]+)*$`);
const EMBEDDED_ID_RE = new RegExp(`(?:^|\\s)(\\d{1,5}(?:\\s*${SEP}\\s*[a-z][a-z0-9]*)+)(?=\\s|$)`);
const GROUPS_RE = /\d+|[a-z]+/g;

function idToken(text, rules, typeCode) {
  const groups = text.match(GROUPS_RE) || [];
  const letters = groups.findIndex((g) => !/^\d/.test(g));
  if (letters < 0) return typeCode ? groups.join("") + typeCode : null;
  // The type code is the first letters of a number: "qdi" is written for "qd".
  groups[letters] = rules.codes[groups[letters]] ?? groups[letters];
  return groups.join("");
}

// The token for a query that is only a document number, or null.
export function numberToken(query, rules) {
  let q = key(query).replace(/[.,;:]+$/, "");
  let typeCode = null;
  const words = Object.keys(rules.words).sort((a, b) => b.length - a.length);
  for (const word of words) {
    if (q === word || q.startsWith(word + " ")) {
      typeCode = rules.words[word];
      q = q.slice(word.length).trim();
      break;
    }
  }
  q = q.replace(/^so\s*:?\s*/, "");
  // A code before or after a bare number: "qđ 208", "208 qđ".
  let m = q.match(/^([a-z]+)\s+(\d{1,5})$/) || q.match(/^(\d{1,5})\s+([a-z]+)$/);
  if (m) {
    const [code, number] = /^\d/.test(m[1]) ? [m[2], m[1]] : [m[1], m[2]];
    if (rules.codes[code] && (!typeCode || typeCode === rules.codes[code])) return number + rules.codes[code];
    return null;
  }
  if (!ID_RE.test(q)) return null;
  return idToken(q, rules, typeCode);
}

// A plan: the Pagefind queries to run in order (results merged, first ones first), the
// terms to highlight, and the number token when the query names a document.
export function plan(query, rules) {
  const text = normalize(query).replace(/\s+/g, " ").trim();
  if (!text) return null;
  const token = numberToken(text, rules);
  if (token) return { kind: "number", token, queries: [token], terms: [], number: token };
  const folded = key(text);
  const embedded = folded.match(EMBEDDED_ID_RE);
  if (embedded) {
    const idPart = embedded[1];
    const token = idToken(idPart, rules, null);
    const rest = folded.replace(idPart, " ").replace(/\s+/g, " ").trim();
    const q = `${token} ${rest}`.trim();
    return { kind: "number", token, queries: [q], terms: rest ? rest.split(" ") : [], number: token };
  }
  const terms = text.split(" ");
  // Pagefind folds tone and vowel marks, not đ: a query with đ runs as typed (exact
  // matches first), then folded so "dương" pages follow "đường" ones.
  if (hasD(text)) return { kind: "words", queries: [text, folded], terms };
  // A query with marks that finds nothing is retried without them.
  if (hasMarks(text)) return { kind: "words", queries: [text], fallback: folded, terms };
  return { kind: "words", queries: [text], terms };
}
