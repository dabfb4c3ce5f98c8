"""Text a reader cannot see because a dark box is drawn over it: a redaction that left the text in the file.

A black bar drawn after the text it covers hides it from a reader; text drawn after a dark banner (white on
black) is shown, and a dark frame (a rectangle with a hole) covers nothing. What the drawing order suggests, the
drawn page decides: a character whose place does not show the box's colour is seen (a slide's block title,
white on a bar, under the black shape a shadow is faded from). ``ingest.pdf`` leaves covered characters out of
the text and counts them.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator

import numpy as np

#: A filled shape at most this bright in every channel (0-255) hides the text it is drawn over.
DARK = 60
#: The page is drawn at this many pixels per point to see whether a character under a dark box shows.
SCALE = 2
#: A character is hidden where at least half of its place, as drawn, has the covering box's grey (0-255, within
#: this much); its place is its box less this share at each side, so the edge of a bar that barely covers it
#: does not count.
SAME_GREY = 32
INSET = 0.15


def address(handle) -> int | None:
    return ctypes.cast(handle, ctypes.c_void_p).value


def covering_boxes(page) -> tuple[np.ndarray, dict[int, int]]:
    """Dark filled rectangles on the page, as rows (place in the drawing order, left, bottom, right, top, grey),
    and that order for every object: a black bar drawn after the text it covers hides it from a reader (a
    redaction that left the text in the file); text drawn after a dark banner (white on black) is shown,
    and a dark frame (a rectangle with a hole) covers nothing. Objects inside a form object (a whole page
    wrapped in one by a stamping or merging tool) count in the order they are drawn, at their place on the
    page. A dark square or redaction annotation lies over everything."""
    import pypdfium2.raw as raw

    covers, order = [], {}
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    box = [ctypes.c_float() for _ in range(4)]
    for obj, kind, to_page in placed_objects(page):
        index = order[address(obj)] = len(order)
        if (kind == raw.FPDF_PAGEOBJ_PATH and _rectangle(obj)
                and raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)) and fill.value
                and raw.FPDFPageObj_GetFillColor(obj, *(ctypes.byref(c) for c in (r, g, b, a)))
                and max(r.value, g.value, b.value) <= DARK and a.value >= 200
                and raw.FPDFPageObj_GetBounds(obj, *(ctypes.byref(c) for c in box))):
            covers.append((index, *_on_page([c.value for c in box], to_page), _grey(r.value, g.value, b.value)))
    count = len(order)
    rect = raw.FS_RECTF()
    for index in range(raw.FPDFPage_GetAnnotCount(page.raw)):
        annot = raw.FPDFPage_GetAnnot(page.raw, index)
        try:
            if (raw.FPDFAnnot_GetSubtype(annot) in (raw.FPDF_ANNOT_SQUARE, raw.FPDF_ANNOT_REDACT)
                    and raw.FPDFAnnot_GetColor(annot, raw.FPDFANNOT_COLORTYPE_InteriorColor,
                                               *(ctypes.byref(c) for c in (r, g, b, a)))
                    and max(r.value, g.value, b.value) <= DARK and a.value >= 200
                    and raw.FPDFAnnot_GetRect(annot, ctypes.byref(rect))):
                covers.append((count + index, rect.left, min(rect.bottom, rect.top), rect.right,
                               max(rect.bottom, rect.top), _grey(r.value, g.value, b.value)))
        finally:
            raw.FPDFPage_CloseAnnot(annot)
    rows = np.array([c for c in covers if c[3] - c[1] >= 3 and c[4] - c[2] >= 3], dtype=float).reshape(-1, 6)
    return rows, order


def placed_objects(page) -> Iterator[tuple[object, int, tuple[float, ...]]]:
    """Every object of the page in the order it is drawn (object, type, the matrix that places the form it stands
    in on the page), the objects inside a form object after it: a whole page wrapped in one by a stamping or
    merging tool is drawn where the form puts it."""
    import pypdfium2.raw as raw

    matrix = raw.FS_MATRIX()

    def walk(objects, to_page: tuple[float, ...]) -> Iterator[tuple[object, int, tuple[float, ...]]]:
        for obj in objects:
            kind = raw.FPDFPageObj_GetType(obj)
            yield obj, kind, to_page
            if kind == raw.FPDF_PAGEOBJ_FORM and raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix)):
                inner = compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), to_page)
                yield from walk([raw.FPDFFormObj_GetObject(obj, k) for k in range(raw.FPDFFormObj_CountObjects(obj))],
                                inner)

    yield from walk([raw.FPDFPage_GetObject(page.raw, i) for i in range(raw.FPDFPage_CountObjects(page.raw))],
                    (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))


def compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """The PDF matrix (a, b, c, d, e, f) that applies ``inner``, then ``outer``."""
    a, b, c, d, e, f = inner
    pa, pb, pc, pd, pe, pf = outer
    return (a * pa + b * pc, a * pb + b * pd, c * pa + d * pc, c * pb + d * pd, e * pa + f * pc + pe, e * pb + f * pd + pf)


def _on_page(bounds: list[float], to_page: tuple[float, ...]) -> tuple[float, float, float, float]:
    """A box (left, bottom, right, top) in a form's space, as the box round it on the page."""
    a, b, c, d, e, f = to_page
    left, bottom, right, top = bounds
    xs, ys = zip(*((a * x + c * y + e, b * x + d * y + f) for x in (left, right) for y in (bottom, top)))
    return min(xs), min(ys), max(xs), max(ys)


def _rectangle(path) -> bool:
    """Whether a path is one plain rectangle: a move and three or four lines, on two x's and two y's."""
    import pypdfium2.raw as raw

    segments = raw.FPDFPath_CountSegments(path)
    if segments not in (4, 5):
        return False
    x, y = ctypes.c_float(), ctypes.c_float()
    xs, ys = set(), set()
    for k in range(segments):
        segment = raw.FPDFPath_GetPathSegment(path, k)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind != (raw.FPDF_SEGMENT_MOVETO if k == 0 else raw.FPDF_SEGMENT_LINETO):
            return False
        raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        xs.add(round(x.value, 1))
        ys.add(round(y.value, 1))
    return len(xs) == 2 and len(ys) == 2


def _grey(r: int, g: int, b: int) -> float:
    """A colour's grey as a page drawn in grey shows it (ITU-R 601 luma)."""
    return 0.299 * r + 0.587 * g + 0.114 * b


def covered(charbox: tuple[float, float, float, float], drawn: int | None, covers: np.ndarray) -> float | None:
    """The grey of the last dark box drawn after the character over its middle, if one is."""
    if drawn is None:
        return None
    left, bottom, right, top = charbox
    x, y = (left + right) / 2, (bottom + top) / 2
    over = covers[(covers[:, 0] > drawn) & (covers[:, 1] <= x) & (x <= covers[:, 3]) & (covers[:, 2] <= y)
                  & (y <= covers[:, 4])]
    return float(over[over[:, 0].argmax(), 5]) if len(over) else None


def hidden_where_drawn(page, boxes: list[tuple[tuple[float, float, float, float], float]], height: float) -> list[bool]:
    """For each character box (left, bottom, right, top, from the page's lower left corner as shown) with the grey
    of the box over it, whether the drawn page shows that box there: at least half of the character's place has
    its grey. A bar's white label ("5.1.2e") leaves the name under it hidden; a black shape that a shadow is faded
    from, or that is blended away, shows another colour, and the text under it is seen."""
    grey = page.render(scale=SCALE, grayscale=True).to_numpy()
    grey = grey.reshape(grey.shape[0], grey.shape[1], -1)[:, :, 0].astype(float)
    hidden = []
    for (left, bottom, right, top), cover in boxes:
        dx, dy = (right - left) * INSET, (top - bottom) * INSET
        x0, x1 = int((left + dx) * SCALE), int(np.ceil((right - dx) * SCALE))
        y0, y1 = int((height - top + dy) * SCALE), int(np.ceil((height - bottom - dy) * SCALE))
        region = grey[max(y0, 0):max(y1, y0 + 1), max(x0, 0):max(x1, x0 + 1)]
        hidden.append(not region.size or (abs(region - cover) <= SAME_GREY).mean() >= 0.5)
    return hidden

