// Result markup: a link with the title, the Vietnamese date, the category and an excerpt
// whose matching words are marked. Built with DOM nodes only (no HTML from the index).

import { key } from "./fold.js";

const WORD_RE = /[\p{L}\p{N}]+/gu; // parts of "NQ-HĐND" too, as Pagefind indexes them

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) if (child != null) node.append(child);
  return node;
}

// The text with every word that starts like a query term (folded, as Pagefind matches
// by prefix) inside <mark>. `numberRe` marks a cited document number too.
export function highlight(text, terms, numberRe) {
  const keys = terms.map(key).filter(Boolean);
  const fragment = document.createDocumentFragment();
  let last = 0;
  const spans = [];
  if (numberRe) for (const m of text.matchAll(numberRe)) spans.push([m.index, m.index + m[0].length]);
  for (const m of text.matchAll(WORD_RE)) {
    const word = key(m[0]);
    if (keys.some((k) => word.startsWith(k))) spans.push([m.index, m.index + m[0].length]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  for (const [start, end] of spans) {
    if (start < last) continue;
    fragment.append(text.slice(last, start), el("mark", {}, text.slice(start, end)));
    last = end;
  }
  fragment.append(text.slice(last));
  return fragment;
}

// A window of about `words` words of `content` from a little before `index`.
function excerptAt(content, index, words = 30) {
  const before = content.slice(0, index).split(/\s+/);
  const after = content.slice(index).split(/\s+/);
  const head = before.slice(Math.max(0, before.length - 1 - Math.floor(words / 3)));
  const text = [...head, ...after.slice(0, words - head.length)].join(" ").trim();
  return (before.length > head.length ? "… " : "") + text + (after.length > words ? " …" : "");
}

// The window around the first match of `re`, or null.
export function excerptAround(content, re, words = 30) {
  const m = re.exec(content);
  return m ? excerptAt(content, m.index, words) : null;
}

function matches(text, terms) {
  const keys = terms.map(key).filter(Boolean);
  for (const m of text.matchAll(WORD_RE)) if (keys.some((k) => key(m[0]).startsWith(k))) return true;
  return false;
}

// Pagefind places excerpts at the words it matched in the text; a word matched only
// through its folded twin ("dinh" for "định") has no place, so look for it here.
function excerptAtTerm(content, terms, words = 30) {
  const keys = terms.map(key).filter(Boolean);
  for (const m of content.matchAll(WORD_RE)) {
    if (keys.some((k) => key(m[0]).startsWith(k))) return excerptAt(content, m.index, words);
  }
  return null;
}

export function resultItem(result, fields, terms, numberRe) {
  const { data } = result;
  const filters = data.filters || {};
  const link = filters[fields.link]?.[0];
  const title = data.meta?.title || data.url;
  const item = el("li", { class: link ? "search-result search-result--document" : "search-result" });
  const heading = el("h2", { class: "search-result__title" }, el("a", { href: link || data.url }, title));
  item.append(heading);
  const meta = el("p", { class: "search-result__meta" });
  if (link) meta.append(el("span", { class: "search-result__kind" }, "Trang văn bản"));
  const date = filters[fields.date]?.[0];
  if (date) meta.append(el("span", { class: "search-result__date" }, el("span", { class: "visually-hidden" }, "Ngày đăng: "), date));
  const category = filters[fields.category]?.[0];
  if (category) meta.append(el("span", { class: "search-result__category" }, el("span", { class: "visually-hidden" }, "Chuyên mục: "), category));
  item.append(meta);
  let text = data.plain_excerpt || "";
  if (numberRe) text = excerptAround(data.content || "", new RegExp(numberRe.source, "u")) || text;
  else if (!matches(text, terms)) text = excerptAtTerm(data.content || "", terms) || text;
  item.append(el("p", { class: "search-result__excerpt" }, highlight(text, terms, numberRe)));
  return item;
}

export { el };
