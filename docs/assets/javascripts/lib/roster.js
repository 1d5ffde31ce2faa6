/* A class list for the staff link builder: candidates typed one on each line, or rows pasted
 * from a spreadsheet (tab-separated, as spreadsheets copy them) or a CSV file, with a first
 * row of column names. Nothing here leaves the browser. No DOM: unit-tested in Node. */

export const MAX_PEOPLE = 200; // more lines than a class has; the rest are left out, and counted

// A column name as compared: lower case, letters and digits only ("Candidate's name" ->
// "candidatesname"), accents kept apart from their letters and dropped.
export function columnKey(name) {
  return String(name).normalize("NFKD").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "").replace(/\p{M}/gu, "");
}

// One line of comma-separated cells, with "quoted, cells" and "" for a quote inside them.
function splitCsv(line) {
  const cells = [];
  let cell = "";
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (char === ",") {
      cells.push(cell);
      cell = "";
    } else cell += char;
  }
  cells.push(cell);
  return cells.map((text) => text.trim());
}

// The cells of one line with this separator ("\t", "," or "" for the whole line as one cell).
function cellsOf(line, separator) {
  if (separator === ",") return splitCsv(line);
  if (separator === "\t") return line.split("\t").map((text) => text.trim());
  return [line.trim()];
}

// field id for each column of a header row (null where none matches), from `columns`:
// {field id: [names it may go by]}.
function matchHeader(cells, columns) {
  const keys = new Map();
  for (const [id, names] of Object.entries(columns)) {
    for (const name of names) {
      const key = columnKey(name);
      if (key && !keys.has(key)) keys.set(key, id);
    }
  }
  const seen = new Set();
  return cells.map((cell) => {
    const id = keys.get(columnKey(cell));
    if (!id || seen.has(id)) return null;
    seen.add(id);
    return id;
  });
}

// The candidates in `text`: {people: [Map of field id -> value], columns: [ids used],
// ignored: [column names left out], cut: lines past MAX_PEOPLE}. With a header row (a first
// line whose cells name fields), each later row gives those fields; without one, each line
// is one candidate's name (`nameField`), commas and all.
export function readRoster(text, columns, nameField = "your_name", maxPeople = MAX_PEOPLE) {
  const lines = String(text).replace(/\r\n?/g, "\n").split("\n").filter((line) => line.trim());
  const empty = { people: [], columns: [], ignored: [], cut: 0 };
  if (!lines.length) return empty;
  for (const separator of ["\t", ","]) {
    if (!lines[0].includes(separator)) continue;
    const header = cellsOf(lines[0], separator);
    const ids = matchHeader(header, columns);
    if (!ids.some(Boolean)) continue;
    const rows = lines.slice(1);
    const people = rows.slice(0, maxPeople).map((line) => {
      const cells = cellsOf(line, separator);
      const person = new Map();
      ids.forEach((id, index) => {
        if (id && cells[index]) person.set(id, cells[index]);
      });
      return person;
    }).filter((person) => person.size);
    return {
      people,
      columns: ids.filter(Boolean),
      ignored: header.filter((cell, index) => cell && !ids[index]),
      cut: Math.max(0, rows.length - maxPeople),
    };
  }
  // A single column named like a field ("Name", "Company") is a header too.
  const named = matchHeader([lines[0].trim()], columns)[0];
  const field = named || nameField;
  const names = lines.slice(named ? 1 : 0);
  return {
    people: names.slice(0, maxPeople).map((line) => new Map([[field, line.trim()]])),
    columns: names.length ? [field] : [],
    ignored: [],
    cut: Math.max(0, names.length - maxPeople),
  };
}
