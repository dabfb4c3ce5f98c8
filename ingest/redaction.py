"""Text a reader cannot see because a dark box is drawn over it: a redaction that left the text in the file.

A black bar drawn after the text it covers hides it from a reader; text drawn after a dark banner (white on
black) is shown, and a dark frame (a rectangle with a hole) covers nothing. What the drawing order suggests, the
drawn page decides: a character whose place shows more than one flat colour is seen (a slide's block title,
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
#: A character's place that spans at least this range of grey (0-255) as drawn shows something: not one flat box.
CONTRAST = 48
INSET = 0.15


def address(handle) -> int | None:
    return ctypes.cast(handle, ctypes.c_void_p).value


def covering_boxes(page) -> tuple[np.ndarray, dict[int, int]]:
    """Dark filled rectangles on the page, as rows (place in the drawing order, left, bottom, right, top),
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
            covers.append((index, *_on_page([c.value for c in box], to_page)))
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
                               max(rect.bottom, rect.top)))
        finally:
            raw.FPDFPage_CloseAnnot(annot)
    rows = np.array([c for c in covers if c[3] - c[1] >= 3 and c[4] - c[2] >= 3], dtype=float).reshape(-1, 5)
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


def covered(charbox: tuple[float, float, float, float], drawn: int | None, covers: np.ndarray) -> bool:
    """Whether a dark box drawn after the character lies over its middle."""
    if drawn is None:
        return False
    left, bottom, right, top = charbox
    x, y = (left + right) / 2, (bottom + top) / 2
    return bool(((covers[:, 0] > drawn) & (covers[:, 1] <= x) & (x <= covers[:, 3]) & (covers[:, 2] <= y)
                 & (y <= covers[:, 4])).any())


def shown(page, boxes: list[tuple[float, float, float, float]], height: float) -> list[bool]:
    """For each character box (left, bottom, right, top, from the page's lower left corner as shown) whether
    the drawn page shows something there: the box, less an ``INSET`` share at each side (so the edge of a bar
    that barely covers it shows nothing), spans more than one flat colour."""
    grey = page.render(scale=SCALE, grayscale=True).to_numpy()
    grey = grey.reshape(grey.shape[0], grey.shape[1], -1)[:, :, 0]
    seen = []
    for left, bottom, right, top in boxes:
        dx, dy = (right - left) * INSET, (top - bottom) * INSET
        x0, x1 = int((left + dx) * SCALE), int(np.ceil((right - dx) * SCALE))
        y0, y1 = int((height - top + dy) * SCALE), int(np.ceil((height - bottom - dy) * SCALE))
        region = grey[max(y0, 0):max(y1, y0 + 1), max(x0, 0):max(x1, x0 + 1)]
        seen.append(bool(region.size) and int(region.max()) - int(region.min()) >= CONTRAST)
    return seen

