from reportparse.model import Block, Document, SourceInfo


def test_locate_maps_offsets_to_line_and_column():
    text = "第一行\r\n第二行139.38万元\n"
    doc = Document(SourceInfo("x.txt", "0", "txt"), text, [Block("paragraph", 0, 3, line=1), Block("paragraph", 5, 16, line=2)])
    loc = doc.locate(text.index("139"))
    assert (loc.line, loc.column) == (2, 4)
    assert doc.locate(0).line == 1
