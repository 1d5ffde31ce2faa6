/* Short names for the details in a personal link: #n=Jordan+Smith&c=Example+Foods instead of
 * #your_name=Jordan%20Smith&company=Example%20Foods. This table is the one place they are set;
 * the staff page's link builder writes them, and every page reads a short name and the
 * field's own id (the old, long name) alike, whatever their case. A field left out here goes
 * by its id. Never change or reuse a short name: links already sent and QR codes already
 * printed use them. tests/test_recruiter_links.py checks that each is unique and is never
 * another field's id. No DOM here: unit-tested in Node.
 *
 * The table between the two marker lines is plain JSON, so the Python tests can read it. */

// short-names:start
const TABLE = {
  "your_name": "n",
  "your_phone": "p",
  "your_email": "e",
  "interviewer_name": "i",
  "interviewer_phone": "ip",
  "interviewer_email": "ie",
  "company": "c",
  "role": "r",
  "original_time": "t",
  "free_time_1": "f1",
  "free_time_2": "f2",
  "free_time_3": "f3",
  "arrival_time": "a",
  "reason": "w",
  "talk_point": "k",
  "what_changed": "wc",
  "new_interview_at": "d",
  "callback_at": "cb",
  "recruiter_name": "rn",
  "recruiter_phone": "rp",
  "recruiter_email": "re",
  "time_zone": "z"
};
// short-names:end

export const SHORT_NAMES = Object.freeze(TABLE);

// The name a link uses for a field: its short name, or its id when it has none.
export function shortName(id) {
  return Object.prototype.hasOwnProperty.call(SHORT_NAMES, id) ? SHORT_NAMES[id] : String(id);
}

// Every name a link may use for these fields, lower-cased, each to its field id: the ids
// themselves and their short names. A Map, so no name is ever looked up on an object.
export function linkNames(ids) {
  const list = Array.from(ids, String);
  const names = new Map();
  for (const id of list) names.set(id.toLowerCase(), id);
  for (const id of list) {
    const short = shortName(id).toLowerCase();
    if (!names.has(short)) names.set(short, id);
  }
  return names;
}
