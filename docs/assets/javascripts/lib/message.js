/* A message template as data, and the words it gives with the reader's details. No DOM here:
 * unit-tested in Node.
 *
 * Parts, as the page's markup holds them: literal text, named blanks and choices:
 *   [{text: "Dear "}, {field: "interviewer_name", blank: "[interviewer's name]"},
 *    {choice: "what_happened", options: [{id: "overslept", words: "I overslept"}, ...]}]
 * Runs, what the reader sees and sends: {text} or {field, blank, value} ("" while empty).
 *
 * compose() turns parts into lines of runs the way a person would write them:
 * - a choice says the words of the answer picked;
 * - a sentence whose only blanks are optional and empty is left out (with its line, when
 *   nothing else is on it), quotes kept balanced;
 * - a value that ends in its own full stop does not get a second one ("10:15 a.m.");
 * - a word the value already ends or starts with is not said twice ("Cashier position job",
 *   "the the");
 * - a value that starts a sentence starts with a capital. */

// Words for a job that a job title may already end with.
const JOB_WORDS = new Set(["job", "position", "role", "opening", "vacancy"]);
// The end of a sentence in literal text: its stop, any closing quotes or brackets, and the space.
const SENTENCE_END = /[.!?]+["”’)\]]*\s+/g;
const OPENING_QUOTE = /^["“]+/;
// A value ending in a dotted abbreviation ("10 a.m.") keeps its dot before "?" or ",".
const ABBREVIATION = /(?:^|[^\p{L}])(?:\p{L}\.){2,}$/u;
const CLOSING_QUOTE = /(?<=[.!?])["”]+$/;
const WORD_CHAR = "[\\p{L}\\p{N}'’-]";
const LAST_WORD = new RegExp(`(${WORD_CHAR}+)\\s+$`, "u");
const FIRST_WORD = new RegExp(`^\\s+(${WORD_CHAR}+)`, "u");
const VALUE_LAST = new RegExp(`(${WORD_CHAR}+)[^\\p{L}\\p{N}]*$`, "u");
const VALUE_FIRST = new RegExp(`^[^\\p{L}\\p{N}]*(${WORD_CHAR}+)`, "u");

// The parts as runs: choices become the words of the answer picked (the first when none is).
export function resolve(parts, { valueOf = () => "", choiceOf = () => "" } = {}) {
  const runs = [];
  for (const part of parts) {
    if (part.choice) {
      const picked = part.options.find((option) => option.id === choiceOf(part.choice)) || part.options[0];
      runs.push({ text: picked ? picked.words : "" });
    } else if (part.field) {
      runs.push({ field: part.field, blank: part.blank, value: valueOf(part.field) || "" });
    } else {
      runs.push({ text: part.text });
    }
  }
  return merged(runs);
}

// Runs with neighbouring text runs joined and empty ones gone.
function merged(runs) {
  const out = [];
  for (const run of runs) {
    if (!run.field && !run.text) continue;
    const last = out[out.length - 1];
    if (!run.field && last && !last.field) last.text += run.text;
    else out.push({ ...run });
  }
  return out;
}

// The runs split into lines at every newline of the literal text; a line is a list of runs.
export function splitLines(runs) {
  const lines = [[]];
  for (const run of runs) {
    if (run.field) {
      lines[lines.length - 1].push({ ...run });
      continue;
    }
    run.text.split("\n").forEach((piece, index) => {
      if (index) lines.push([]);
      if (piece) lines[lines.length - 1].push({ text: piece });
    });
  }
  return lines;
}

// One line's sentences: {runs, gap}, gap being the space after the sentence.
export function sentences(line) {
  const found = [{ runs: [], gap: "" }];
  for (const run of line) {
    if (run.field) {
      found[found.length - 1].runs.push(run);
      continue;
    }
    let last = 0;
    for (const match of run.text.matchAll(SENTENCE_END)) {
      const end = match.index + match[0].length;
      const stop = match[0].replace(/\s+$/, "");
      const current = found[found.length - 1];
      current.runs.push({ text: run.text.slice(last, match.index) + stop });
      current.gap = match[0].slice(stop.length);
      found.push({ runs: [], gap: "" });
      last = end;
    }
    if (last < run.text.length) found[found.length - 1].runs.push({ text: run.text.slice(last) });
  }
  return found.filter((sentence) => sentence.runs.length).map((sentence) => ({ ...sentence, runs: merged(sentence.runs) }));
}

// True when every blank of the sentence is optional and empty (and it has one at least).
function onlyEmptyOptional(runs, isEmptyOptional) {
  const blanks = runs.filter((run) => run.field);
  return blanks.length > 0 && blanks.every((run) => !run.value && isEmptyOptional(run.field));
}

function firstText(runs) {
  return runs.length && !runs[0].field ? runs[0].text : "";
}

function lastText(runs) {
  const last = runs[runs.length - 1];
  return last && !last.field ? last.text : "";
}

// Puts `quote` before a sentence's words, or after its stop, unless it is there already.
function addQuote(sentence, quote, atStart) {
  const runs = sentence.runs;
  if (atStart) {
    if (OPENING_QUOTE.test(firstText(runs))) return;
    if (runs.length && !runs[0].field) runs[0] = { text: quote + runs[0].text };
    else runs.unshift({ text: quote });
  } else {
    if (/["”]$/.test(lastText(runs))) return;
    const last = runs[runs.length - 1];
    if (last && !last.field) runs[runs.length - 1] = { text: last.text + quote };
    else runs.push({ text: quote });
  }
}

// The line without the sentences whose only blanks are optional and empty; an opening or
// closing quote such a sentence held moves to its neighbour, so quotes stay balanced.
// Returns null when every sentence went.
export function dropEmptySentences(line, isEmptyOptional) {
  const all = sentences(line);
  const kept = [];
  let carryOpen = "";
  for (const sentence of all) {
    if (!onlyEmptyOptional(sentence.runs, isEmptyOptional)) {
      if (carryOpen) addQuote(sentence, carryOpen, true);
      carryOpen = "";
      kept.push(sentence);
      continue;
    }
    const open = (firstText(sentence.runs).match(OPENING_QUOTE) || [""])[0];
    const close = (lastText(sentence.runs).match(CLOSING_QUOTE) || [""])[0];
    if (open && !close) carryOpen = open;
    else if (close && !open && kept.length) addQuote(kept[kept.length - 1], close, false);
  }
  if (!kept.length) return null;
  const trailing = all[all.length - 1].gap;
  const runs = kept.flatMap((sentence, index) => [...sentence.runs, { text: index < kept.length - 1 ? sentence.gap : trailing }]);
  return merged(runs);
}

function sameWord(a, b) {
  const x = a.toLowerCase().replace(/’/g, "'");
  const y = b.toLowerCase().replace(/’/g, "'");
  return x === y || (JOB_WORDS.has(x) && JOB_WORDS.has(y));
}

// The joins between the reader's values and the template's words, tidied (see the top).
export function tidy(line) {
  const runs = line.map((run) => ({ ...run }));
  for (let index = 0; index < runs.length; index += 1) {
    const run = runs[index];
    if (!run.field || !run.value) continue;
    const before = runs[index - 1] && !runs[index - 1].field ? runs[index - 1] : null;
    const after = runs[index + 1] && !runs[index + 1].field ? runs[index + 1] : null;
    if (after) {
      if (/[.!?…]$/u.test(run.value) && after.text.startsWith(".")) after.text = after.text.slice(1);
      else if (/[,;:]$/.test(run.value) && /^[.,;:!?]/.test(after.text)) run.value = run.value.slice(0, -1).trimEnd();
      else if (/[^.]\.$/.test(run.value) && !ABBREVIATION.test(run.value) && /^[?!,;:]/.test(after.text)) run.value = run.value.slice(0, -1);
      const last = run.value.match(VALUE_LAST);
      const next = after.text.match(FIRST_WORD);
      if (last && next && sameWord(last[1], next[1])) after.text = after.text.slice(next[0].length);
    }
    if (before) {
      const previous = before.text.match(LAST_WORD);
      const first = run.value.match(VALUE_FIRST);
      if (previous && first && sameWord(previous[1], first[1]) && !JOB_WORDS.has(previous[1].toLowerCase())) {
        before.text = before.text.slice(0, before.text.length - previous[0].length);
      }
    }
    // A sentence the reader wrote starts with a capital; an address or a single word is left as typed.
    const starts = !before ? index === 0 : /(^|[.!?]["”’)]*\s+)["“]?$/u.test(before.text);
    if (starts && /\s/.test(run.value) && !/[@/]/.test(run.value)) run.value = run.value.replace(/^\p{Ll}/u, (letter) => letter.toUpperCase());
  }
  return merged(runs);
}

// The words as lines of runs, as the reader should see and send them. `keepAll` keeps every
// sentence, for paper and for one-line parts (a subject, a "To:"), where blanks show what is missing.
export function compose(parts, { valueOf, choiceOf, isEmptyOptional = () => false, keepAll = false } = {}) {
  const lines = splitLines(resolve(parts, { valueOf, choiceOf }));
  const out = [];
  for (const line of lines) {
    if (!line.length) {
      out.push([]);
      continue;
    }
    const kept = keepAll ? line : dropEmptySentences(line, isEmptyOptional);
    if (kept) out.push(tidy(kept));
  }
  return withoutExtraBlankLines(out);
}

// No blank line at the start or the end, and never two in a row (a line that went left one).
function withoutExtraBlankLines(lines) {
  const out = [];
  for (const line of lines) {
    if (!line.length && (!out.length || !out[out.length - 1].length)) continue;
    out.push(line);
  }
  while (out.length && !out[out.length - 1].length) out.pop();
  return out;
}

// The lines as plain text: each blank shows its value, or its [blank] words while empty.
export function plainText(lines) {
  return lines.map((line) => line.map((run) => (run.field ? run.value || run.blank : run.text)).join("")).join("\n");
}

// The fields still blank in the lines, once each, in order.
export function blanksIn(lines) {
  const found = [];
  for (const line of lines) {
    for (const run of line) {
      if (run.field && !run.value && !found.includes(run.field)) found.push(run.field);
    }
  }
  return found;
}

// The fields whose [blank] words are still in a text the reader wrote, in the page's order
// (`blanks`: field id -> its blank words).
export function blanksInText(text, blanks) {
  return Object.keys(blanks).filter((field) => blanks[field] && text.includes(blanks[field]));
}
