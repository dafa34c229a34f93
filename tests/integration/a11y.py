"""Checks of the pages' field errors as assistive technology reads them:
each error message is tied to its input (aria-describedby, aria-invalid),
and a form with several errors lists them at the top, each linking to its
input."""
import html.parser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}


class _IdParser(html.parser.HTMLParser):
    """Every element's attributes by id, the text inside each element that
    has an id, and the links inside the error summary."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attrs = {}         # id -> attribute dict (with "_tag")
        self.texts = {}         # id -> [text parts]
        self.open = []          # [(tag, id or None)]
        self.summary_links = []  # (text, href) inside #error_summary
        self._link = None

    def _inside(self, element_id):
        return any(i == element_id for _, i in self.open)

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v if v is not None else "") for k, v in attrs}
        attrs["_tag"] = tag
        element_id = attrs.get("id")
        if element_id is not None:
            if element_id in self.attrs:
                raise AssertionError("duplicate id %r" % element_id)
            self.attrs[element_id] = attrs
            self.texts[element_id] = []
        if tag == "a" and self._inside("error_summary"):
            self._link = [attrs.get("href", ""), []]
        if tag not in VOID:
            self.open.append((tag, element_id))

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self.summary_links.append(("".join(self._link[1]).strip(),
                                       self._link[0]))
            self._link = None
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                del self.open[i:]
                break

    def handle_data(self, data):
        for _, element_id in self.open:
            if element_id is not None:
                self.texts[element_id].append(data)
        if self._link is not None:
            self._link[1].append(data)


def parse(html_text):
    parser = _IdParser()
    parser.feed(html_text)
    parser.close()
    return parser


def described_texts(html_text, input_id):
    """(aria-invalid of the input INPUT_ID, [text of each element its
    aria-describedby names]); AssertionError when a named id is missing."""
    page = parse(html_text)
    attrs = page.attrs.get(input_id)
    if attrs is None:
        raise AssertionError("no element with id %r" % input_id)
    texts = []
    for ref in attrs.get("aria-describedby", "").split():
        if ref not in page.texts:
            raise AssertionError("%s: aria-describedby names missing id %r"
                                 % (input_id, ref))
        texts.append(" ".join("".join(page.texts[ref]).split()))
    return attrs.get("aria-invalid"), texts


def summary_links(html_text):
    """[(text, href)] of the error summary's links, in page order; each
    href must name an element of the page."""
    page = parse(html_text)
    for _, href in page.summary_links:
        if not href.startswith("#") or href[1:] not in page.attrs:
            raise AssertionError("summary link %r leads nowhere" % href)
    return page.summary_links


class FieldErrorAsserts:
    """Mixin for unittest.TestCase."""

    def assert_error_tied(self, html_text, input_id, message):
        """INPUT_ID is marked invalid and described by MESSAGE."""
        invalid, texts = described_texts(html_text, input_id)
        self.assertEqual(invalid, "true", input_id)
        self.assertTrue(any(message in t for t in texts),
                        "%s is not described by %r: %r"
                        % (input_id, message, texts))

    def assert_no_error_tied(self, html_text, input_id):
        invalid, _ = described_texts(html_text, input_id)
        self.assertIsNone(invalid, input_id)
        self.assertNotIn(input_id + "_error",
                         parse(html_text).attrs[input_id].get(
                             "aria-describedby", ""))
