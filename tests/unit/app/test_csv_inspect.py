from __future__ import annotations

import pytest
from app.serving.datasets import CsvError, inspect_csv


def test_infers_dtypes_like_pandas() -> None:
    s = inspect_csv(b"\xef\xbb\xbfa,b,c,d,e\n1,2.5,x,true,\n,3,,False,\n")
    assert s.rows == 2
    assert s.columns == ["a", "b", "c", "d", "e"]
    assert s.dtypes == {"a": "int", "b": "float", "c": "string", "d": "bool", "e": "empty"}


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"", "no header"),
        (b"a,b\n", "no data rows"),
        (b"a,b\n1,2\n3\n", "line 3: 1 fields"),
        (b"a,a\n1,2\n", "duplicate"),
        (b"a,\n1,2\n", "empty column name"),
        (b'a,b\n"1,2\n', "line 2"),
        (b"a,b\n\xff,1\n", "not UTF-8"),
    ],
)
def test_rejects_what_training_could_not_read(data: bytes, text: str) -> None:
    with pytest.raises(CsvError, match=text):
        inspect_csv(data)
