"""exitreadyctl report, checked with the real binaries and a real browser.

The demo's report is made online from exitreadyd on a copy of the demo, opened in headless
Chromium (screenshots at 1280x2000 and 390x1600 for people to look at, in EXITREADY_REPORT_DIR,
default .build/report-test), its DOM checked for scripts and anything that loads, parsed by
html5lib's strict parser, and printed to PDF, whose text and page sizes poppler reads. A hostile
inventory shows that every name stays text inside its cell.

    python3 -m unittest -v Tests/report/test_report.py      (make test-report runs it)

EXITREADY_BIN names the folder with the binaries (default .build/debug). Under CI=true a missing
chromium, pdftotext or html5lib is a failure, not a skip.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "daemon"))
from demo_daemon import BIN, CHECKLIST, DEMO, ROOT, DemoDaemon, get_status  # noqa: E402

CTL = os.path.join(BIN, "exitreadyctl")
OUT = os.environ.get("EXITREADY_REPORT_DIR", os.path.join(ROOT, ".build", "report-test"))
NOW = "2026-12-05"
PARTS = ["part-cover", "part-trend", "part-deadlines", "part-contracts", "part-changes", "part-sections", "part-appendix"]
XHTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"
# Elements that load or run something, whatever their attributes.
LOADING = {"script", "link", "iframe", "frame", "object", "embed", "applet", "audio", "video", "source", "track",
           "base", "form", "portal", "meta-refresh"}


def require(test, found, what):
    """Skips when `what` is missing, or fails under CI=true, where every check must run."""
    if found:
        return
    if os.environ.get("CI") == "true":
        test.fail(f"{what} is missing (make test-report installs it)")
    test.skipTest(f"{what} is missing (make test-report installs it)")


def html5lib_module():
    try:
        import html5lib
        return html5lib
    except ImportError:
        return None


def chromium(*arguments, timeout=120):
    """Runs headless Chromium with a profile of its own; returns its standard output."""
    with tempfile.TemporaryDirectory(prefix="report-chromium-") as profile:
        result = subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
             f"--user-data-dir={profile}", *arguments],
            capture_output=True, timeout=timeout)
        if result.returncode != 0:
            raise AssertionError(f"chromium {arguments} failed: {result.stderr.decode(errors='replace')[-2000:]}")
        return result.stdout.decode()


def parse_strict(html):
    """The document as an ElementTree, by html5lib's strict parser (any parse error raises)."""
    html5lib = html5lib_module()
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=True).parse(html)


def local(tag):
    return tag.split("}")[-1] if isinstance(tag, str) else ""


def text_of(element):
    return "".join(element.itertext())


def loading_problems(tree):
    """Every element or attribute that would load or run something."""
    problems = []
    for element in tree.iter():
        name = local(element.tag)
        if name in LOADING:
            problems.append(f"<{name}>")
        if name == "meta" and element.get("http-equiv", "").lower() == "refresh":
            problems.append("<meta refresh>")
        for attribute, value in element.attrib.items():
            key = local(attribute).lower()
            if key.startswith("on"):
                problems.append(f"<{name} {key}>")
            if key in ("src", "srcset", "poster", "data", "action", "formaction", "background", "manifest", "ping"):
                if not value.startswith("data:"):
                    problems.append(f"<{name} {key}={value!r}>")
            if key == "href" and not value.startswith("#"):
                problems.append(f"<{name} href={value!r}>")
            if key == "style" and re.search(r"url\(\s*(?!#)", value) or "@import" in value:
                problems.append(f"<{name} style={value!r}>")
        if name == "style":
            css = text_of(element)
            if re.search(r"url\(\s*['\"]?(?!#|data:)", css) or "@import" in css:
                problems.append("<style> loads a resource")
    return problems


class DemoReportTests(unittest.TestCase):
    """The demo's report, online from exitreadyd, as HTML and PDF."""

    @classmethod
    def setUpClass(cls):
        os.makedirs(OUT, exist_ok=True)
        cls.daemon = DemoDaemon("report-demo-", NOW)
        try:
            cls.html_path = os.path.join(OUT, "demo-report.html")
            subprocess.run([CTL, "report", "--socket", cls.daemon.socket, "--output", cls.html_path],
                           check=True, capture_output=True, timeout=120)
            with open(cls.html_path, encoding="utf-8") as file:
                cls.html = file.read()
            check = subprocess.run(
                [CTL, "check", "--inventory", os.path.join(DEMO, "inventory"), "--dataroom",
                 os.path.join(cls.daemon.dir, "dataroom"), "--checklist", CHECKLIST, "--now", NOW, "--json", "--summary"],
                capture_output=True, timeout=120)
            cls.summary = json.loads(check.stdout)
        except BaseException:
            cls.daemon.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.daemon.stop()

    def test_html_parses_without_errors_in_a_strict_html5_parser(self):
        require(self, html5lib_module(), "html5lib")
        parse_strict(self.html)

    def test_the_seven_parts_are_present_in_order(self):
        positions = [self.html.find(f'id="{part}"') for part in PARTS]
        self.assertNotIn(-1, positions, dict(zip(PARTS, positions)))
        self.assertEqual(positions, sorted(positions))

    def test_the_page_forbids_everything_but_inline_style_and_data_images(self):
        self.assertIn('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
                      'style-src \'unsafe-inline\'; img-src data:">', self.html)

    def test_chromium_dom_has_no_script_and_nothing_that_loads(self):
        require(self, shutil.which("chromium"), "chromium")
        require(self, html5lib_module(), "html5lib")
        dom = chromium("--dump-dom", "file://" + self.html_path)
        self.assertNotIn("<script", dom.lower())
        tree = html5lib_module().parse(dom)
        self.assertEqual(loading_problems(tree), [])
        ids = {element.get("id") for element in tree.iter()}
        for part in PARTS:
            self.assertIn(part, ids)

    def test_screenshots_at_desktop_and_phone_width(self):
        require(self, shutil.which("chromium"), "chromium")
        for name, size in [("demo-report-1280x2000.png", "1280,2000"), ("demo-report-390x1600.png", "390,1600")]:
            path = os.path.join(OUT, name)
            if os.path.exists(path):
                os.unlink(path)
            chromium(f"--screenshot={path}", f"--window-size={size}", "file://" + self.html_path)
            with open(path, "rb") as file:
                self.assertEqual(file.read(8), b"\x89PNG\r\n\x1a\n", path)
            self.assertGreater(os.path.getsize(path), 10_000, path)

    def test_cover_names_the_portfolio_score_and_every_not_ready_contract(self):
        cover = self.html[self.html.find('id="part-cover"'):self.html.find('id="part-trend"')]
        self.assertIn(f"{self.summary['portfolio']['score']:.1f}", cover)
        for contract in self.not_ready():
            self.assertIn(f"<bdi>{contract}</bdi>", cover)

    def test_trend_is_drawn_from_the_daemons_history_with_its_text_equivalent(self):
        trend = self.html[self.html.find('id="part-trend"'):self.html.find('id="part-deadlines"')]
        self.assertIn("<svg", trend)
        self.assertIn(f"The portfolio score was {self.summary['portfolio']['score']:.1f} on {NOW}", trend)

    def test_changes_come_from_the_daemon(self):
        changes = self.html[self.html.find('id="part-changes"'):self.html.find('id="part-sections"')]
        self.assertIn("changed since", changes)

    def test_the_forecast_follows_the_trend_with_its_text_equivalent(self):
        trend = self.html.find('id="part-trend"')
        forecast = self.html.find('id="part-forecast"')
        self.assertTrue(trend < forecast < self.html.find('id="part-deadlines"'), (trend, forecast))
        part = self.html[forecast:self.html.find('id="part-deadlines"')]
        self.assertIn('id="chart-forecast"', part)
        self.assertIn("<svg", part)
        self.assertIn(f"goes from {self.summary['portfolio']['score']:.1f} today", part)
        # Dialoog's successors leave on 2026-12-18: the demo's one band change within the year
        # that the contracts table also shows.
        self.assertIn("dialoog-email to not-ready on 2026-12-18", part)
        contracts = self.html[self.html.find('id="part-contracts"'):self.html.find('id="part-changes"')]
        self.assertIn("2026-12-18", contracts)

    def test_each_not_ready_contract_has_a_section_with_its_plan(self):
        sections = self.html[self.html.find('id="part-sections"'):self.html.find('id="part-appendix"')]
        for contract in self.not_ready():
            self.assertIn(f"<h2><bdi>{contract}</bdi>", sections)
        self.assertEqual(sections.count('class="contract-section"'), len(self.not_ready()))
        self.assertIn("person-days, lift the score from 40.0 to", sections)

    def test_pdf_is_a4_with_every_not_ready_contract_the_score_and_whole_charts(self):
        require(self, shutil.which("chromium"), "chromium")
        require(self, shutil.which("pdftotext") and shutil.which("pdfinfo"), "poppler-utils")
        pdf = os.path.join(OUT, "demo-report.pdf")
        subprocess.run([CTL, "report", "--socket", self.daemon.socket, "--format", "pdf", "--output", pdf],
                       check=True, capture_output=True, timeout=300)
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"], check=True, capture_output=True).stdout.decode()
        self.assertIn(f"{self.summary['portfolio']['score']:.1f}", text)
        for contract in self.not_ready():
            self.assertIn(contract, text)
        pages = int(re.search(r"^Pages:\s+(\d+)", self.pdfinfo(pdf), re.M).group(1))
        sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", self.pdfinfo(pdf, "-f", "1", "-l", str(pages)), re.M)
        self.assertEqual(len(sizes), pages)
        for width, height in sizes:
            self.assertEqual((round(float(width)), round(float(height))), (595, 842))
        page_texts = [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), pdf, "-"], check=True,
                                     capture_output=True).stdout.decode() for n in range(1, pages + 1)]
        figures = re.findall(r'<figure id="([^"]+)"><figcaption>(.*?)</figcaption>(<svg.*?</svg>)', self.html, re.S)
        self.assertGreaterEqual(len(figures), 3)
        for figure, caption, svg in figures:
            first_words = re.sub(r"<[^>]+>", "", caption).split(",")[0]
            last_label = re.findall(r"<text[^>]*>([^<]*)</text>", svg)[-1]
            whole = [n for n, page in enumerate(page_texts, 1) if first_words in page and last_label in page]
            self.assertTrue(whole, f"{figure}: caption {first_words!r} and last label {last_label!r} on no single page")

    def not_ready(self):
        return [c["id"] for c in self.summary["contracts"] if c["band"] == "not-ready" and c["status"] == "active"]

    @staticmethod
    def pdfinfo(pdf, *arguments):
        return subprocess.run(["pdfinfo", *arguments, pdf], check=True, capture_output=True).stdout.decode()


class ManyContractsReportTests(unittest.TestCase):
    """A generated inventory with more active contracts than one deadlines figure holds."""

    @classmethod
    def setUpClass(cls):
        os.makedirs(OUT, exist_ok=True)
        cls.dir = tempfile.mkdtemp(prefix="report-many-")
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate_inventory.py"), "--out", cls.dir,
                        "--contracts", "160", "--staff", "960", "--processes", "480"], check=True, capture_output=True)
        cls.inputs = ["--inventory", os.path.join(cls.dir, "inventory"), "--dataroom", os.path.join(cls.dir, "dataroom"),
                      "--checklist", CHECKLIST, "--now", NOW, "--sections", "0"]
        cls.html_path = os.path.join(cls.dir, "many.html")
        subprocess.run([CTL, "report", *cls.inputs, "--output", cls.html_path], check=True, capture_output=True,
                       timeout=120)
        with open(cls.html_path, encoding="utf-8") as file:
            cls.html = file.read()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def test_every_active_contract_has_a_deadline_row(self):
        check = subprocess.run([CTL, "check", *self.inputs[:-2], "--json", "--summary"], capture_output=True,
                               timeout=120)
        active = [c["id"] for c in json.loads(check.stdout)["contracts"] if c["status"] == "active"]
        self.assertGreater(len(active), 80)
        figures = re.findall(r'<figure id="chart-deadlines-\d+">.*?</figure>', self.html, re.S)
        self.assertEqual(len(figures), (len(active) + 39) // 40)
        labels = [label.removeprefix("◆ ") for figure in figures
                  for label in re.findall(r'<text x="4" y="\d+"(?: class="urgent")?>([^<]*)</text>', figure)]
        self.assertEqual(sorted(labels), sorted(active))

    def test_pdf_cuts_no_deadline_figure_across_a_page(self):
        require(self, shutil.which("chromium"), "chromium")
        require(self, shutil.which("pdftotext") and shutil.which("pdfinfo"), "poppler-utils")
        pdf = os.path.join(OUT, "many-contracts-report.pdf")
        subprocess.run([CTL, "report", *self.inputs, "--format", "pdf", "--output", pdf], check=True,
                       capture_output=True, timeout=300)
        pages = int(re.search(r"^Pages:\s+(\d+)", DemoReportTests.pdfinfo(pdf), re.M).group(1))
        page_texts = [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), pdf, "-"], check=True,
                                     capture_output=True).stdout.decode() for n in range(1, pages + 1)]
        figures = re.findall(r'<figure id="(chart-deadlines-\d+)"><figcaption>(.*?)</figcaption>(<svg.*?</svg>)', self.html,
                             re.S)
        self.assertGreaterEqual(len(figures), 3)
        for figure, caption, svg in figures:
            # "contracts 41 to 80 of 117" names this figure alone; the rows' labels also come in the
            # table, but only after the last figure, so never on a page of a figure's caption.
            span = caption.split(", ")[-1]
            rows = re.findall(r'<text x="4" y="\d+"(?: class="urgent")?>([^<]*)</text>', svg)
            first, last = rows[0].removeprefix("◆ "), rows[-1].removeprefix("◆ ")
            whole = [n for n, page in enumerate(page_texts, 1) if span in page and first in page and last in page]
            self.assertTrue(whole, f"{figure}: {span!r}, first row {first!r} and last row {last!r} on no single page")


HOSTILE = {
    "belronde-outbound": "<script>alert(1)</script>",
    "dialoog-email": '"><img src=x onerror=alert(1)>',
    "klantlijn-inbound": "</style><p>after the style</p>",
    "rheinruf-de": "RheinRuf \u202egnp.exe",
    "webcare-social": "W" * 10_000,
}


class HostileInventoryTests(unittest.TestCase):
    """Suppliers and services named to break out of the page: each stays text in its cell."""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="report-hostile-")
        inventory = os.path.join(cls.dir, "inventory")
        shutil.copytree(os.path.join(DEMO, "inventory"), inventory)
        for contract, name in HOSTILE.items():
            path = os.path.join(inventory, "contracts", contract + ".yaml")
            with open(path, encoding="utf-8") as file:
                text = file.read()
            quoted = json.dumps(name)  # a JSON string is a YAML double-quoted scalar
            text = re.sub(r"^supplier: .*$", lambda _: f"supplier: {quoted}", text, count=1, flags=re.M)
            text = re.sub(r"^service: .*$", lambda _: f"service: {quoted}", text, count=1, flags=re.M)
            with open(path, "w", encoding="utf-8") as file:
                file.write(text)
        cls.html_path = os.path.join(cls.dir, "hostile.html")
        result = subprocess.run(
            [CTL, "report", "--inventory", inventory, "--dataroom", os.path.join(DEMO, "dataroom"), "--checklist",
             CHECKLIST, "--now", NOW, "--all", "--output", cls.html_path], capture_output=True, timeout=120)
        if result.returncode != 0:
            raise AssertionError(result.stderr.decode())
        with open(cls.html_path, encoding="utf-8") as file:
            cls.html = file.read()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def test_the_html_parses_strictly(self):
        require(self, html5lib_module(), "html5lib")
        parse_strict(self.html)

    def test_each_name_is_the_whole_text_of_its_cells_and_nothing_runs(self):
        require(self, shutil.which("chromium"), "chromium")
        require(self, html5lib_module(), "html5lib")
        tree = html5lib_module().parse(chromium("--dump-dom", "file://" + self.html_path))
        self.assertEqual(loading_problems(tree), [])
        self.assertEqual([local(e.tag) for e in tree.iter() if local(e.tag) in ("img", "script")], [])
        self.assertEqual(len([e for e in tree.iter() if local(e.tag) == "style"]), 1)
        self.assertEqual(len([e for e in tree.iter() if local(e.tag) == "p" and text_of(e) == "after the style"]), 0)
        cells = [e for e in tree.iter() if local(e.tag) == "td" and e.get("data-label") == "Supplier"]
        by_text = {text_of(cell): cell for cell in cells}
        for contract, name in HOSTILE.items():
            self.assertIn(name, by_text, f"the supplier of {contract} is not a cell of its own")
            children = list(by_text[name])
            self.assertEqual([local(child.tag) for child in children], ["bdi"], contract)
            self.assertEqual(len(list(children[0])), 0, contract)

    def test_section_headers_keep_the_service_as_text(self):
        for name in HOSTILE.values():
            self.assertIn("<bdi>" + name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                          .replace('"', "&quot;").replace("'", "&#39;") + "</bdi>", self.html)


class CommandLineTests(unittest.TestCase):
    """What the command says when it cannot make the report asked for."""

    OFFLINE = ["--inventory", os.path.join(DEMO, "inventory"), "--dataroom", os.path.join(DEMO, "dataroom"),
               "--checklist", CHECKLIST, "--now", NOW]

    def run_report(self, *arguments, environment=None):
        with tempfile.TemporaryDirectory(prefix="report-cli-") as directory:
            output = os.path.join(directory, "out")
            result = subprocess.run([CTL, "report", *arguments, "--output", output], capture_output=True, text=True,
                                    timeout=120, env=environment)
            return result, os.path.exists(output)

    def test_pdf_without_chromium_names_the_package_and_the_html_alternative(self):
        result, written = self.run_report("--format", "pdf", *self.OFFLINE, environment=dict(os.environ, PATH="/nonexistent"))
        self.assertEqual(result.returncode, 69)
        self.assertFalse(written)
        lines = result.stderr.splitlines()
        self.assertEqual(len(lines), 1, result.stderr)
        self.assertIn("Debian package chromium", lines[0])
        self.assertIn("--format html", lines[0])

    def test_an_unknown_contract_is_named_with_the_closest_one(self):
        result, written = self.run_report("--contract", "rheinruf-dee", *self.OFFLINE)
        self.assertEqual(result.returncode, 3)
        self.assertFalse(written)
        self.assertIn("no contract rheinruf-dee in", result.stderr)
        self.assertIn("did you mean rheinruf-de?", result.stderr)

    def test_an_invalid_date_is_said_so(self):
        result, written = self.run_report(*self.OFFLINE[:-1], "2026-13-01")
        self.assertEqual(result.returncode, 3)
        self.assertIn("--now 2026-13-01 is not a valid date; expected YYYY-MM-DD", result.stderr)

    def test_the_title_comes_from_the_configuration(self):
        with tempfile.TemporaryDirectory(prefix="report-title-") as directory:
            config = os.path.join(directory, "exitreadyd.conf")
            with open(config, "w") as file:
                file.write("[Report]\nTitle=Board pack <Q4>\n")
            output = os.path.join(directory, "report.html")
            subprocess.run([CTL, "report", *self.OFFLINE, "--config", config, "--output", output], check=True,
                           capture_output=True, timeout=120)
            with open(output, encoding="utf-8") as file:
                self.assertIn("<h1>Board pack &lt;Q4&gt;</h1>", file.read())


if __name__ == "__main__":
    unittest.main()
