"""BlasOps: the base model loads with them and parses exactly as with thinc's own ops."""

import json

import numpy
import spacy
from thinc.api import NumpyOps

from coach.nlp.ops import BlasOps
from coach.nlp.pipeline import default_base_model
from tests.conftest import REPO


def test_gemm_matches_numpy_ops_with_every_transpose():
    rng = numpy.random.default_rng(0)
    x, y = rng.random((7, 5), dtype="f"), rng.random((5, 3), dtype="f")
    cases = [(False, False, x, y), (True, False, x.T.copy(), y), (False, True, x, y.T.copy()),
             (True, True, x.T.copy(), y.T.copy())]
    for trans1, trans2, a, b in cases:
        expected = NumpyOps().gemm(a, b, trans1=trans1, trans2=trans2)
        assert numpy.allclose(BlasOps().gemm(a, b, trans1=trans1, trans2=trans2), expected, atol=1e-5)
        out = numpy.zeros_like(expected)
        assert BlasOps().gemm(a, b, out=out, trans1=trans1, trans2=trans2) is out
        assert numpy.allclose(out, expected, atol=1e-5)


def test_the_coach_pipeline_parses_like_the_stock_model(analyzer):
    assert isinstance(analyzer.nlp.get_pipe("tok2vec").model.ops, BlasOps)
    stock = spacy.load(default_base_model(), exclude=["ner"])
    assert not isinstance(stock.get_pipe("tok2vec").model.ops, BlasOps)
    texts = [json.loads(line)["text"] for line in (REPO / "tests/data/dev_set.jsonl").open()]
    with analyzer.nlp.select_pipes(enable=stock.pipe_names):
        ours = list(analyzer.nlp.pipe(texts))
    for theirs, mine in zip(stock.pipe(texts), ours, strict=True):
        assert [(t.tag_, t.dep_, t.head.i, t.lemma_) for t in mine] == \
               [(t.tag_, t.dep_, t.head.i, t.lemma_) for t in theirs], theirs.text
