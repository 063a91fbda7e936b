from __future__ import annotations

import bisect
import re

from ...document.model import Document, Span
from ...findings import Edit, Fix
from ...registry import rule

# `![alt](path =W x H)`: the size suffix of Typora, HackMD and markdown-it-imsize
_SIZED = re.compile(r"!\[([^\[\]\n]*)\]\(\s*(<[^<>\n]*>|[^\s()<>]+)([ \t]+=[ \t]*(\d+(?:\.\d+)?%?|)[ \t]*[xX×][ \t]*(\d+(?:\.\d+)?%?|))[ \t]*\)")
_RUNS = ("paragraph", "table", "heading", "caption", "link")


@rule("I010", "image-size-suffix", fixable=True)
def image_size_suffix(doc: Document, ctx):
    """Finds images written with an editor's size suffix (`![](x.png =50%x)`).

    ## What it does
    Reports `![alt](path =WxH)`, `=Wx` or `=xH`: the size syntax of Typora, HackMD and
    markdown-it-imsize, which neither kramdown nor CommonMark knows. kramdown keeps the
    whole `x.png =50%x` as the image's address; CommonMark renderers (GitHub) print the
    markup as text. The unsafe fix moves the size into a kramdown attribute list
    (`![alt](x.png){: width="50%"}`) on a Jekyll page, into an `<img>` tag elsewhere.

    ## Why is this bad?
    The image is broken on the site (the browser asks for `x.png%20=50%x`) and shows as
    raw markup on GitHub, while the editor it was written in displays it fine.

    ## Example
    ```markdown
    ![The roofline](assets/img/roofline.png =60%x)
    ```

    ## Use instead
    ```markdown
    ![The roofline](assets/img/roofline.png){: width="60%"}
    ```
    """
    text = doc.text
    if "=" not in text:
        return
    runs: list[tuple[int, int]] | None = None
    starts: list[int] = []
    kramdown = False
    for m in _SIZED.finditer(text):
        w, h = m.group(4), m.group(5)
        if not w and not h:
            continue
        if runs is None:  # the page's prose, sorted once it holds a suffix at all
            runs = sorted((r.span.start, r.span.end) for r in doc.prose if r.where in _RUNS)
            starts = [a for a, _ in runs]
            kramdown = ctx.book.site.renders(doc.path)
        k = bisect.bisect_right(starts, m.start()) - 1
        if k < 0 or not (runs[k][0] <= m.start() < runs[k][1]):
            continue  # in code, math, a comment or HTML: not an image to the renderer
        alt, path = m.group(1), m.group(2).strip("<>")
        attrs = " ".join(f'{n}="{v}"' for n, v in (("width", w), ("height", h)) if v)
        if kramdown:
            good = f"![{alt}]({path}){{: {attrs}}}"
        else:
            good = f'<img src="{path}" alt="{alt}" {attrs}>'
        size = m.group(3).strip()
        yield ctx.finding(doc, Span(m.start(3), m.end(3)), (
            f"`{size}` is an editor's image-size suffix, which this renderer does not know: the image "
            f"breaks (kramdown asks for the file `{path} {size}`). Write `{good}`."),
            fix=Fix(f"Write `{good}`", (Edit(m.start(), m.end(), good),), safe=False))
