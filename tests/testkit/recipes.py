"""The README's maintainer recipes, applied to a project copy by editing only YAML and Markdown,
as a maintainer who never touches Python would: rebrand to another city and time zone, add a
checklist, a message template and a guide page, and rename a page (with its redirect).

Used by tests/test_readme_recipes.py, and by hand to point the whole suite at the result:
    python -c "from testkit import recipes; recipes.make('/tmp/copy')"
    MIH_PROJECT_ROOT=/tmp/copy .venv/bin/python -m pytest ...
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from sitegen import translations
from sitegen.datafiles import data_files
from sitegen.project import ROOT, copy_project

# Another city, state and time zone, with every detail changed (the README lists them). Chosen
# to share no value with the other rebrands in the suite (tests/test_rebrand.py, the branch in
# tests/test_build_context.py), a city and state no time-zone label of data/fields.yml names,
# and a state code that is no everyday word (not ID, OR, OK, IN, ME, HI).
REBRAND = {
    "name": "Big Sky Job Partners",
    "phone": "(406) 555-0163",
    "email": "hello@bigsky.example.net",
    "address": "1600 Sample Avenue, Floor 3, Billings, MT 59101",
    "hours": "Monday to Friday, 9 AM to 5:30 PM",
    "website": "https://www.bigsky.example.net/",
    "jobs_url": "https://www.bigsky.example.net/find-work/",
    "time_zone": "America/Denver",
    # Only written where mkdocs.yml already has the key (older trees lack them).
    "city": "Billings",
    "state": "Montana",
    "time_zone_name": "Mountain Time",
}
SITE_NAME = "Job Interview Help"  # no place in it: a rebrand of the agency block alone then leaves no trace
SITE_URL = "https://help.bigsky.example.net/"


@dataclass(frozen=True)
class Added:
    """What the recipes made: docs paths (as MkDocs names them) and ids."""

    checklist_id: str = "first-week"
    checklist_file: str = "data/checklists/first-week.yaml"  # the README allows .yaml too
    template_id: str = "ask-for-feedback"
    guide_page: str = "getting-there-on-time.md"
    renamed_from: str = "employer-view.md"
    renamed_to: str = "what-employers-think.md"


ADDED = Added()
KEPT_PAGES = ("index.md", "contact.md", "for-staff.md")  # pages other parts of the site point at by name


def plan(root: Path = ROOT) -> Added:
    """What the recipes will add and rename in ``root``: the page renamed is employer-view.md
    while it exists, else the last guide page in the nav (the maintainer may have renamed it)."""
    if (root / "docs" / ADDED.renamed_from).is_file():
        return ADDED
    from testkit.project_data import guide_pages

    old = next(src for src in reversed(guide_pages(root)) if src not in KEPT_PAGES and "/" not in src)
    return replace(ADDED, renamed_from=old, renamed_to=f"renamed-{old}")


def already_applied(root: Path, added: Added = ADDED) -> bool:
    """True for a project the recipes have run on (its new pages are there)."""
    return (root / added.checklist_file).exists() or (root / "docs" / added.guide_page).exists()


def make(target: str | Path, root: Path = ROOT) -> Path:
    """A copy of ``root`` at ``target`` (replaced if it exists) with every recipe applied."""
    target = Path(target)
    shutil.rmtree(target, ignore_errors=True)
    project = copy_project(target, root)
    apply_all(project, plan(project))
    return project


def apply_all(project: Path, added: Added = ADDED) -> None:
    rebrand(project)
    add_checklist(project, links_to=added.renamed_from)
    add_template(project)
    add_guide_page(project)
    rename_page(project, added.renamed_from, added.renamed_to)


# --- "Change the agency's details (rebrand)" -------------------------------------------------------


def rebrand(project: Path, values: dict[str, str] = REBRAND) -> dict[str, str]:
    """Write ``values`` into mkdocs.yml's ``extra.agency`` block, then site_name and site_url.
    Returns what was written: keys the block does not have are left out."""
    written = set_agency(project, values)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"^site_name: .*$", f"site_name: {SITE_NAME}", text, count=1, flags=re.M)
    text = re.sub(r'^(site_url: !ENV \[SITE_URL, )"[^"]*"\]', rf'\1"{SITE_URL}"]', text, count=1, flags=re.M)
    config.write_text(text, encoding="utf-8")
    return written


def set_agency(project: Path, values: dict[str, str | None]) -> dict[str, str | None]:
    """Rewrite the lines of mkdocs.yml's ``extra.agency`` block whose key is in ``values``
    (None deletes the line), as a maintainer edits it: as text, since the file has !ENV tags.
    Keys the block does not have are left out; returns what was changed."""
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    start = _agency_block_start(lines)
    indent, changed = _indent(lines[start]), {}
    for number in range(start + 1, len(lines)):
        line = lines[number]
        if line.strip() and not line.lstrip().startswith("#") and _indent(line) <= indent:
            break  # the block ended
        match = re.match(r"^(\s+)([a-z_]+):", line)
        if match and match.group(2) in values and match.group(2) not in changed:
            key = match.group(2)
            lines[number] = "" if values[key] is None else f"{match.group(1)}{key}: {values[key]}\n"
            changed[key] = values[key]
    config.write_text("".join(lines), encoding="utf-8")
    return changed


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _agency_block_start(lines: list[str]) -> int:
    in_extra = False
    for number, line in enumerate(lines):
        if re.match(r"^extra:\s*$", line):
            in_extra = True
        elif in_extra and re.match(r"^\s+agency:\s*$", line):
            return number
    raise AssertionError("mkdocs.yml has no extra.agency block")


# --- "Add a checklist" -------------------------------------------------------------------------------

CHECKLIST = """\
id: first-week
title: Your first week in the new job
summary: Small steps that help you start well and keep the job.
order: 50
sections:
  - title: Before day one
    items:
      - id: plan-route
        text: Plan how you will get to work, and try the trip once.
        detail: Leave time for traffic or a late bus.
      - id: lay-out-clothes
        text: Lay out what you will wear the night before.
      - id: save-numbers
        text: Save the phone number of your new boss.
  - title: The first days
    items:
      - id: arrive-early
        text: Get there ten minutes early each day.
      - id: ask-questions
        text: Ask when you are not sure what to do.
        link:
          text: Read more about it
          to: {links_to}
      - id: call-us
        text: Tell {{ agency.name }} how the first week went.
        detail: Call us at {{ agency.phone }}. We like to hear from you.
"""


def add_checklist(project: Path, links_to: str = "what-to-do-now.md") -> Path:
    """Copy a checklist file (its schema comment comes along), give it a new id, and write new
    sections and items; one item links to the guide page ``links_to``."""
    source = data_files(project / "data" / "checklists")[0].read_text(encoding="utf-8")
    comments = "".join(line for line in source.splitlines(keepends=True)[:3] if line.startswith("#"))
    path = project / ADDED.checklist_file
    path.write_text(comments + CHECKLIST.replace("{links_to}", links_to), encoding="utf-8")
    translate(project, path, CHECKLIST_ES)
    return path


CHECKLIST_ES = """\
# Spanish words of data/checklists/first-week.yaml
id: first-week
title: Su primera semana en el nuevo trabajo
summary: Pasos pequeños que le ayudan a empezar bien y a mantener el trabajo.
sections:
  - title: Antes del primer día
    items:
      - id: plan-route
        text: Planee cómo va a llegar al trabajo, y haga el viaje una vez.
        detail: Deje tiempo por si hay tráfico o el bus llega tarde.
      - id: lay-out-clothes
        text: Deje lista la ropa que se va a poner la noche antes.
      - id: save-numbers
        text: Guarde el número de teléfono de su nuevo jefe.
  - title: Los primeros días
    items:
      - id: arrive-early
        text: Llegue diez minutos antes cada día.
      - id: ask-questions
        text: Pregunte cuando no sepa qué hacer.
        link:
          text: Lea más sobre esto
      - id: call-us
        text: Cuéntele a {{ agency.name }} cómo le fue la primera semana.
        detail: Llámenos al {{ agency.phone }}. Nos gusta saber de usted.
"""


# --- "Translations": each new English text gets its Spanish beside it ------------------------------

def translate(project: Path, english: Path, words: str) -> Path:
    """Write the Spanish words of ``english`` at its place under es/, then mark it reviewed
    with the README's command."""
    path = translations.translation_of(project, english, "es")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(words, encoding="utf-8")
    mark_reviewed(project, path)
    return path


def mark_reviewed(project: Path, *paths: Path) -> None:
    done = subprocess.run([sys.executable, "scripts/tools/translations.py", "reviewed", *map(str, paths)],
                          cwd=project, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


# --- "Add a message template" ---------------------------------------------------------------------

TEMPLATE = '''\
id: ask-for-feedback
title: Ask why you did not get the job
situation: after
order: 20
scenario: Use these when an employer says no, to thank them and ask what would help next time.

advice: |
  A no is hard to hear. Still, a short, kind reply can help you. Thank them for their time.
  Then ask one question: what could you do better next time? Keep it short, and do not argue.

  Some employers will not answer. That is fine. You still showed them you are polite, and they
  may think of you for the next job.

fields:
  - id: your_name
    required: true
  - id: your_phone
    required: true
  - id: your_email
  - id: interviewer_name
    required: true
  - id: interviewer_email
  - id: interviewer_phone
  - id: company
    required: true
  - id: role
    required: true

channels:
  email:
    to: "{interviewer_email}"
    subject: "Thank you, and one question: {your_name}, {role}"
    body: |
      Dear {interviewer_name},

      Thank you for letting me know about the {role} job. I am sorry it did not work out, but I am glad I got to meet you.

      Could you tell me one thing I could do better next time? It would help me a lot.

      I would still like to work at {company} one day. Please keep me in mind for other jobs.

      Thank you again,

      {your_name}
      {your_phone}
      {your_email}

  phone:
    body: |
      "Hello, this is {your_name}. I met with {interviewer_name} about the {role} job."

      "Thank you for letting me know. I am sorry it did not work out. Could you tell me one thing I could do better next time?"

      At the end: "Thank you. Please keep me in mind for other jobs at {company}."

  voicemail:
    body: |
      "Hello {interviewer_name}, this is {your_name}. Thank you for letting me know about the {role} job. If you have a minute, I would like to hear one thing I could do better."

      "You can reach me at {your_phone}. Again, that is {your_phone}. Thank you."

  text:
    to: "{interviewer_phone}"
    body: "Hello {interviewer_name}, this is {your_name}. Thank you for letting me know about the {role} job at {company}. Could you tell me one thing I could do better next time?"
'''


def add_template(project: Path) -> Path:
    """Copy a template file (its schema comment comes along) under its new id, and rewrite it."""
    folder = project / "data" / "templates"
    source = data_files(folder)[0].read_text(encoding="utf-8")
    path = folder / f"{ADDED.template_id}.yml"
    path.write_text(source.splitlines(keepends=True)[0] + "\n" + TEMPLATE, encoding="utf-8")
    translate(project, path, TEMPLATE_ES)
    return path


# One Spanish sentence for each English one, with the same blanks (README, "Translations").
TEMPLATE_ES = '''\
# Spanish words of data/templates/ask-for-feedback.yml
id: ask-for-feedback
title: Pregunte por qué no le dieron el trabajo
scenario: Use estos mensajes cuando una empresa le dice que no, para dar las gracias y preguntar qué le ayudaría la próxima vez.

advice: |
  Es duro oír un no. Aun así, una respuesta corta y amable le puede ayudar. Dé las gracias por su tiempo.
  Luego haga una pregunta: ¿qué puede hacer mejor la próxima vez? Sea breve, y no discuta.

  Algunas empresas no van a contestar. No pasa nada. Usted mostró que es una persona amable, y pueden
  pensar en usted para el próximo puesto.

channels:
  email:
    subject: "Gracias, y una pregunta: {your_name}, {role}"
    body: |
      Buen día, {interviewer_name}:

      Gracias por avisarme sobre el puesto de {role}. Siento que no se diera, pero me alegra haberle conocido.

      ¿Me podría decir una cosa que puedo hacer mejor la próxima vez? Me ayudaría mucho.

      Me gustaría trabajar en {company} algún día. Por favor, téngame en cuenta para otros puestos.

      Gracias otra vez,

      {your_name}
      {your_phone}
      {your_email}

  phone:
    body: |
      "Hola, habla {your_name}. Tuve una entrevista con {interviewer_name} para el puesto de {role}."

      "Gracias por avisarme. Siento que no se diera. ¿Me podría decir una cosa que puedo hacer mejor la próxima vez?"

      Al final: "Gracias. Por favor, téngame en cuenta para otros puestos en {company}."

  voicemail:
    body: |
      "Hola, {interviewer_name}, habla {your_name}. Gracias por avisarme sobre el puesto de {role}. Si tiene un minuto, me gustaría saber una cosa que puedo hacer mejor."

      "Me puede llamar al {your_phone}. Repito, es el {your_phone}. Gracias."

  text:
    body: "Hola, {interviewer_name}, soy {your_name}. Gracias por avisarme del puesto de {role} en {company}. ¿Qué puedo hacer mejor la próxima vez?"
'''


# --- "Add a guide page" -----------------------------------------------------------------------------

GUIDE = """\
---
description: How to plan your trip so you get to the interview on time.
---

# Plan your trip so you are on time

Most people who miss an interview did not plan to. A bus was late, or the place was hard to
find. A little planning the day before can stop that from happening to you.

## Know where you are going { #know-where-you-are-going }

Look up the address the night before. Check which door to use and where to park. If you can,
make the trip once at the same time of day. Then you know how long it really takes.

## Leave early { #leave-early }

Plan to get there fifteen minutes early. Traffic and buses are not always on time. If you are
early, wait nearby and go in five minutes before the start.

## Have a plan B { #have-a-plan-b }

Save the phone number of the person you will meet. If you are going to be late, call them
before the start time. You can also call us at {{ agency.phone }}. Our hours are
{{ agency.hours }}.

If it goes wrong anyway, read [what to do right now](what-to-do-now.md).
"""


GUIDE_ES = """\
---
description: Cómo planear su viaje para llegar a tiempo a la entrevista.
---

# Planee su viaje para llegar a tiempo

Casi nadie falta a una entrevista a propósito. El bus llegó tarde, o no encontró el lugar. Si
planea un poco el día antes, eso no le tiene que pasar.

## Sepa a dónde va { #know-where-you-are-going }

Busque la dirección la noche antes. Vea qué puerta usar y dónde estacionar. Si puede, haga el
viaje una vez a la misma hora del día. Así sabe cuánto tarda de verdad.

## Salga temprano { #leave-early }

Planee llegar quince minutos antes. El tráfico y los buses no siempre llegan a tiempo. Si llega
antes, espere cerca y entre cinco minutos antes de la hora.

## Tenga un plan B { #have-a-plan-b }

Guarde el número de la persona que va a ver. Si va a llegar tarde, llámela antes de la hora.
También nos puede llamar al {{ agency.phone }}. Nuestro horario es
{{ agency.hours }}.

Si algo sale mal de todos modos, lea [qué hacer ahora mismo](what-to-do-now.md).
"""


def add_guide_page(project: Path) -> Path:
    """Write docs/<page>.md with its description and one # heading, and list it in nav:."""
    path = project / "docs" / ADDED.guide_page
    path.write_text(GUIDE, encoding="utf-8")
    translate(project, path, GUIDE_ES)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    # After "After you reschedule" while the nav has it, else at the end of the nav.
    anchor = re.search(r"^([ \t]*)- After you reschedule: after-you-reschedule\.md\n", text, flags=re.M)
    at, indent = (anchor.end(), anchor.group(1)) if anchor else (_nav_end(text), "  ")
    line = f"{indent}- Get there on time: {ADDED.guide_page}\n"
    config.write_text(text[:at] + line + text[at:], encoding="utf-8")
    # Its title in the Spanish edition's menu (README: "Add a guide page", step 6).
    for language in translations.LANGUAGES:
        words = project / "data" / language / "site.yml"
        text = words.read_text(encoding="utf-8")
        words.write_text(text.replace("\nnav:\n", "\nnav:\n  Get there on time: Llegue a tiempo\n", 1), encoding="utf-8")
    return path


def _nav_end(text: str) -> int:
    """Where the top-level ``nav:`` list of mkdocs.yml ends (a character offset)."""
    start = re.search(r"^nav:[ \t]*\n", text, flags=re.M)
    assert start, "mkdocs.yml has no nav: to list the new page in"
    at = end = start.end()
    for line in text[start.end() :].splitlines(keepends=True):
        if line.strip() and not line[0].isspace() and not line.startswith("#"):
            break  # the next top-level key
        at += len(line)
        end = at if line.strip() else end  # blank lines after the list stay after it
    return end


# --- Rename a page (move it, fix links to it, add a redirect) -------------------------------------


def rename_page(project: Path, old: str, new: str, *, redirect: bool = True) -> None:
    """Move docs/<old> to docs/<new>, point every link and the nav at the new name, and add
    ``old: new`` under redirect_maps in mkdocs.yml so the published address keeps answering
    (``redirect=False``: the mistake the published-address check is there to catch)."""
    docs = project / "docs"
    (docs / old).rename(docs / new)
    for language in translations.LANGUAGES:  # its translation moves with it
        if (docs / language / old).exists():
            (docs / language / old).rename(docs / language / new)
    for path in [*docs.rglob("*.md"), *(project / "data").rglob("*.y*ml")]:
        text = path.read_text(encoding="utf-8")
        if old in text:
            path.write_text(re.sub(rf"(?<![\w-]){re.escape(old)}", new, text), encoding="utf-8")
    config = project / "mkdocs.yml"
    text = re.sub(rf"(:\s+){re.escape(old)}$", rf"\g<1>{new}", config.read_text(encoding="utf-8"), flags=re.M)
    if not redirect:
        config.write_text(text, encoding="utf-8")
        return
    maps = re.search(r"^(\s*)redirect_maps:\n(\s*)", text, flags=re.M)
    assert maps, "mkdocs.yml has no redirect_maps"
    entry, at = f"{maps.group(2)}{old}: {new}\n", maps.start(2)  # first under redirect_maps:
    config.write_text(text[:at] + entry + text[at:], encoding="utf-8")
