"""`coach serve | check | eval | phrasebook check|index|replay`."""

from __future__ import annotations

import argparse
import html
import json
import sys
from itertools import islice
from pathlib import Path
from typing import Any, Iterator, TextIO

from coach.phrasebook.loader import BUNDLED_DIR, PhrasebookError
from coach.services.census import VERDICTS, CensusReport, census, read_verdicts
from coach.services.labels import LabelError, read_jsonl

JSONL_BATCH = 256
WIRE_HINT_KEYS = ("start", "end", "text", "entry", "category", "severity", "message", "confidence")


def _coach(args: argparse.Namespace, min_confidence: float | None = None):
    """The coach at `min_confidence`, else --min-confidence, else the COACH_MIN_CONFIDENCE setting."""
    from coach.services.coach import Coach
    from coach.settings import get_settings

    settings = get_settings()
    if min_confidence is None:
        min_confidence = getattr(args, "min_confidence", None)
    return Coach.load(args.phrasebook or settings.phrasebook_dir, settings.base_model, min_confidence)


# ---- check -------------------------------------------------------------------------------------------


def _underline(text: str, start: int, end: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    line = text[line_start:line_end]
    marks = " " * (start - line_start) + "^" * max(1, min(end, line_end) - start)
    return f"    {line}\n    {marks}"


def print_hints(text: str, hints: list[dict[str, Any]], out: TextIO) -> None:
    from coach.nlp.confidence import explain

    if not hints:
        out.write("  no hints\n")
    for h in hints:
        out.write(f"{_underline(text, h['start'], h['end'])}\n")
        out.write(f"  {h['severity']}: {h['message']}  [{h['category']}/{h['entry']}]\n")
        out.write(f"  confidence: {h['confidence']:.2f} ({explain(h['confidence_steps'])})\n")
        out.write(f"  why: {h['why']}\n")
        for alt in h["alternatives"]:
            out.write(f"  try: {alt['text']}\n")
        out.write("\n")


def _wire_hint(hint: dict[str, Any]) -> dict[str, Any]:
    out = {key: hint[key] for key in WIRE_HINT_KEYS}
    out["alternatives"] = [{"text": alt["text"]} for alt in hint["alternatives"]]
    return out


def _parse_input(line: str) -> tuple[Any, str] | str:
    """(id, text), or an error message saying what is wrong with the line."""
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        return f"not valid JSON: {exc}"
    if not isinstance(obj, dict):
        return f"expected a JSON object with \"id\" and \"text\", got {type(obj).__name__}"
    if "text" not in obj:
        return "missing field \"text\""
    if not isinstance(obj["text"], str):
        return f"field \"text\" must be a string, got {type(obj['text']).__name__}"
    return obj.get("id"), obj["text"]


def check_jsonl(coach, lines: Iterator[str], out: TextIO) -> None:
    """One output line per non-blank input line, in order, in batches through one loaded pipeline."""
    lines = (line for line in lines if line.strip())
    while batch := list(islice(lines, JSONL_BATCH)):
        parsed = [_parse_input(line) for line in batch]
        good = [p for p in parsed if isinstance(p, tuple)]
        results = iter(coach.analyze_many([text for _, text in good], batch_size=JSONL_BATCH))
        for item in parsed:
            if isinstance(item, str):
                record = {"id": None, "error": item}
            else:
                record = {"id": item[0], "hints": [_wire_hint(h) for h in next(results)]}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()


def cmd_check(args: argparse.Namespace) -> int:
    coach = _coach(args)
    if args.jsonl:
        check_jsonl(coach, sys.stdin, sys.stdout)
        return 0
    if not args.text:
        raise SystemExit("coach check: give TEXT…, a FILE, or --jsonl with JSON lines on stdin")
    path = Path(args.text[0])
    texts = [path.read_text(encoding="utf-8")] if len(args.text) == 1 and path.is_file() else args.text
    for text, hints in zip(texts, coach.analyze_many(texts)):
        sys.stdout.write(f"{text.strip()[:200]}\n")
        print_hints(text, hints, sys.stdout)
    return 0


# ---- eval --------------------------------------------------------------------------------------------


def _analyze(coach, rows: list[dict[str, Any]], brand_names: bool) -> list[list[dict[str, Any]]]:
    if brand_names:
        from coach.services.brands import analyze_by_brand

        return analyze_by_brand(coach, rows)
    return coach.analyze_many([r["text"] for r in rows], batch_size=256)


def cmd_eval(args: argparse.Namespace) -> int:
    from coach import report
    from coach.services.labels import read_labelled
    from coach.services.quality import curve, score
    from coach.services.strata import corpus_recall
    from coach.services.threshold import confident
    from coach.settings import get_settings

    rows, corpus = read_labelled(Path(args.file), Path(args.corpus) if args.corpus else None)
    if corpus is not None:
        print(f"{args.file}: {len(rows)} labels joined with {corpus}")
    coach = _coach(args, min_confidence=0.0)  # every hint once; each threshold is applied below
    threshold = args.min_confidence if args.min_confidence is not None else get_settings().min_confidence
    raw = _analyze(coach, rows, args.brand_names)
    shown = [confident(h, threshold) for h in raw]
    result = score(rows, shown)
    report.print_scores(result, threshold, sys.stdout)
    report.print_borderline(result, sys.stdout)
    report.print_strata(result, sys.stdout)
    if corpus is not None:
        estimate = corpus_recall(rows, [bool(hints) for hints in shown], corpus)
        report.print_corpus_estimate(estimate, sys.stdout)
    if args.curve:
        report.print_curve(curve(rows, raw), threshold, sys.stdout)
    # The real set's text comes from the corpus: listed only when asked for, on the terminal.
    show = args.show if args.show is not None else (0 if corpus is not None else 30)
    report.print_mistakes(result, show, sys.stdout)
    return 0


# ---- phrasebook --------------------------------------------------------------------------------------


def cmd_phrasebook_check(args: argparse.Namespace) -> int:
    from coach.services.examples import check_entry

    coach = _coach(args)
    book = coach.analyzer.book
    failed = 0
    for resolved in book.active:
        for result in check_entry(coach.analyzer, resolved):
            if not result.ok:
                failed += 1
                print(f"{resolved.file}: entry {result.entry}, {result.kind} example: {result.text!r}\n"
                      f"  {result.problem}\n{result.table}\n")
    total = sum(len(e.entry.examples.flag) + len(e.entry.examples.pass_) + len(e.entry.alternatives)
                for e in book.active)
    print(f"{len(book.active)} active entries, {total} examples and alternatives, {failed} failing; "
          f"phrasebook version {book.version}")
    return 1 if failed else 0


def cmd_phrasebook_index(args: argparse.Namespace) -> int:
    from coach.phrasebook import loader
    from coach.phrasebook.index import INDEX_FILE, SCHEMA_FILE, render_index, render_schema

    folder = Path(args.phrasebook or BUNDLED_DIR)
    book = loader.load(folder)
    stale = []
    for name, content in ((INDEX_FILE, render_index(book)), (SCHEMA_FILE, render_schema())):
        path = folder / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != content:
            stale.append(name)
            if not args.check:
                path.write_text(content, encoding="utf-8")
    if args.check and stale:
        print(f"out of date: {', '.join(stale)}; run `coach phrasebook index`")
        return 1
    print(f"{'wrote' if stale else 'up to date'}: {', '.join(stale) or f'{INDEX_FILE}, {SCHEMA_FILE}'}")
    return 0


def cmd_phrasebook_replay(args: argparse.Namespace) -> int:
    from coach.services.quality import replay

    # a file error (LabelError) is reported by main() like every other
    rows = [r for r in read_jsonl(Path(args.corpus)) if isinstance(r.get("text"), str)]
    if args.html_escaped:
        rows = [{**r, "text": html.unescape(r["text"])} for r in rows]
    verdicts = read_verdicts(Path(args.verdicts)) if args.verdicts else None
    report = replay(rows, _analyze(_coach(args), rows, args.brand_names), sample=args.sample, seed=args.seed)
    print(f"{report.total} replies, {report.flagged} flagged: flag rate {report.flag_rate:.2%}")
    if verdicts is not None:
        _print_census(census(report.flagged_replies, verdicts), args.verdicts)
    print("\nflags per entry:")
    for entry, count in report.by_entry.most_common():
        print(f"  {count:6}  {entry}")
    print(f"\nsample of {len(report.samples)} flagged replies (seed {args.seed}):")
    for item in report.samples:
        spans = ", ".join(f"{h['entry']}:{h['text']!r}" for h in item["hints"])
        print(f"  - {spans}\n      {item['text'][:300]!r}")
    return 0


def _print_census(report: CensusReport, source: str) -> None:
    print(f"\ncensus ({source}): {report.judged} of {report.flagged} flagged replies judged")
    for verdict in VERDICTS:
        print(f"  {verdict:10s} {report.verdicts[verdict]:5d}  {report.share(verdict):6.1%}")
    for category, counts in sorted(report.by_category.items()):
        print(f"  {category:24s} " + "  ".join(f"{v} {counts[v]}" for v in VERDICTS))
    if report.unjudged:
        print(f"  not judged yet ({len(report.unjudged)}): {' '.join(report.unjudged)}")


# ---- serve -------------------------------------------------------------------------------------------


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from coach.api.app import create_app
    from coach.settings import get_settings

    settings = get_settings()
    if args.workers is not None:
        settings.analysis_workers = args.workers
    # One server process holds every websocket; the analysis runs in `analysis_workers` processes.
    # (uvicorn's own --workers spreads websocket connections unevenly across processes.) Frames are a few
    # hundred bytes: compressing them costs the server CPU and saves next to nothing.
    uvicorn.run(create_app(settings), host=args.host or settings.host, port=args.port or settings.port,
                log_level="info", ws_max_size=settings.max_frame_bytes * 4, ws_ping_interval=20,
                ws_per_message_deflate=False)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="coach", description=__doc__)
    parser.add_argument("--phrasebook", help="phrasebook folder (default: COACH_PHRASEBOOK_DIR or the bundled one)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("serve", help="run the service")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument("--workers", type=int, help="analysis processes (default: COACH_ANALYSIS_WORKERS or the "
                                                "number of cores; 0 analyses in the server process)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("check", help="print hints for texts, a file, or JSON lines on stdin")
    p.add_argument("text", nargs="*", help="texts to check, or one file")
    p.add_argument("--jsonl", action="store_true", help='read {"id", "text"} lines on stdin, write one line each')
    _threshold_option(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("eval", help="precision, recall and F1 on a labelled JSON-lines file: the dev set "
                                    "(text on each line) or a label file of corpus uids joined with --corpus")
    p.add_argument("file")
    p.add_argument("--corpus", help="corpus a label file refers to (default: ../shared/corpus/"
                                    "real_agent_replies.jsonl beside the repository)")
    p.add_argument("--curve", action="store_true", help="precision/recall at thresholds 0.0, 0.1, … 1.0")
    p.add_argument("--show", type=int, nargs="?", const=30, help="list up to N misses and false alarms with "
                   "their text (default: 30 for a file with text, none for a label file)")
    _threshold_option(p)
    _brand_names_option(p)
    p.set_defaults(func=cmd_eval)

    pb = sub.add_parser("phrasebook", help="check, index or replay the phrasebook").add_subparsers(
        dest="action", required=True)
    p = pb.add_parser("check", help="validate and run every entry's examples")
    p.set_defaults(func=cmd_phrasebook_check)
    p = pb.add_parser("index", help="regenerate INDEX.md and schema.json")
    p.add_argument("--check", action="store_true", help="only report whether they are current")
    p.set_defaults(func=cmd_phrasebook_index)
    p = pb.add_parser("replay", help="flag rate and top entries over a corpus of {\"text\"} lines")
    p.add_argument("corpus")
    p.add_argument("--sample", type=int, default=20)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--html-escaped", action="store_true",
                   help="the texts are HTML-escaped, as tweets are (\"AT&amp;T\"): unescape them first")
    p.add_argument("--verdicts", metavar="FILE", help="judges' verdicts on flagged replies ({uid, verdict} "
                   "lines): print the share of this run's flags judged real, and the ids not judged yet")
    _threshold_option(p)
    _brand_names_option(p)
    p.set_defaults(func=cmd_phrasebook_replay)
    return parser


def _fraction(value: str) -> float:
    number = float(value)
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, got {value}")
    return number


def _brand_names_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--brand-names", action="store_true", help="read each reply as its brand's deployment "
                   "would: the brand's name (from the corpus's brand handle, 'AppleSupport' -> apple) is one "
                   "of the lexicon's own_names")


def _threshold_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--min-confidence", type=_fraction, metavar="X", help="show hints with confidence >= X "
                   "(default: the COACH_MIN_CONFIDENCE setting, 0.6)")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except PhrasebookError as exc:
        print(f"phrasebook error:\n{exc}", file=sys.stderr)
        return 2
    except LabelError as exc:
        print(f"coach {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
