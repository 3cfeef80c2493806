// Vietnamese folding, the same as vntext.fold / vntext.normalize in plugins/vntext/text.py
// (tests/test_search_fold.py checks the two agree): marks stripped, đ -> d, case kept.

const LOOKALIKES = {
  "\u00d0": "Đ", "\u00f0": "đ", "\u00a0": " ", "\u202f": " ", "\u2007": " ",
  "\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "", "\ufeff": "", "\u00ad": "",
};
const LOOKALIKE_RE = /[\u00d0\u00f0\u00a0\u202f\u2007\u200b-\u200d\u2060\ufeff\u00ad]/g;

export function normalize(text) {
  return text.replace(LOOKALIKE_RE, (c) => LOOKALIKES[c]).normalize("NFC");
}

// Every Latin letter with marks maps to its bare ASCII letter, as in vntext's table.
const TABLE = (() => {
  const table = new Map([["Đ", "D"], ["đ", "d"], ["Ð", "D"], ["ð", "d"]]);
  for (let code = 0x00c0; code <= 0x1eff; code++) {
    const char = String.fromCodePoint(code);
    const base = char.normalize("NFD").replace(/\p{Mn}/gu, "");
    if (base !== char && /^[A-Za-z]+$/.test(base)) table.set(char, base);
  }
  return table;
})();

export function fold(text) {
  let out = "";
  for (const char of text.normalize("NFC")) out += TABLE.get(char) ?? char;
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(out)) return out;
  return out.normalize("NFD").replace(/\p{Mn}/gu, "");
}

// Lower-case folded form with single spaces: how queries and words are compared.
export function key(text) {
  return fold(normalize(text)).toLowerCase().replace(/\s+/g, " ").trim();
}

export function hasD(text) {
  return /[đĐ]/.test(normalize(text));
}

export function hasMarks(text) {
  return fold(normalize(text)) !== normalize(text);
}
