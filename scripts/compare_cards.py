#!/usr/bin/env python3
"""Puts the test metrics of two models side by side, read from their files' headers (the metrics `train` measured
and stored): per (set, category) F1 and PR-AUC, and pooled F1 per category over all sets (from summed counts).

    python3 scripts/compare_cards.py BEFORE.lqcm AFTER.lqcm [--names before after]
"""
import argparse, json, re, struct


def snake(node):
    """Keys as the model files name them now (snake_case); files written before named them PascalCase / camelCase."""
    if isinstance(node, dict):
        return {re.sub(r'(?<=[a-z0-9])(?=[A-Z])', '_', k).lower() if k.isalnum() else k: snake(v) for k, v in node.items()}
    if isinstance(node, list):
        return [snake(v) for v in node]
    return node


def metrics(path):
    data = open(path, 'rb').read()
    length = struct.unpack('<i', data[8:12])[0]
    meta = snake(json.loads(data[12:12 + length]))['metadata']
    rows = {}
    for s in meta['test_metrics']:
        for category, m in s['categories'].items():
            rows[(s['set'], category)] = m
    return meta, rows


def pooled(rows, category):
    tp = fp = fn = 0.0
    for (name, c), m in rows.items():
        if c != category or m['positives'] == 0:
            continue
        # Recover counts from precision and recall: tp = recall * positives, fp = tp / precision - tp.
        t = m['recall'] * m['positives']
        tp += t
        fn += m['positives'] - t
        fp += (t / m['precision'] - t) if m['precision'] > 0 else 0
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn > 0 else float('nan')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('before')
    parser.add_argument('after')
    parser.add_argument('--names', nargs=2, default=['before', 'after'])
    args = parser.parse_args()
    (mb, before), (ma, after) = metrics(args.before), metrics(args.after)
    b, a = args.names
    print(f"Training time: {b} {mb['training_seconds']} s, {a} {ma['training_seconds']} s (as each run recorded it).\n")
    print(f"| set | category | positives | F1 {b} | F1 {a} | change | PR-AUC {b} | PR-AUC {a} |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for key in sorted(set(before) | set(after)):
        x, y = before.get(key), after.get(key)
        if not x or not y or x['positives'] == 0:
            continue
        print(f"| {key[0]} | {key[1]} | {x['positives']} | {x['f1']:.3f} | {y['f1']:.3f} | {y['f1'] - x['f1']:+.3f} "
              f"| {x['average_precision']:.3f} | {y['average_precision']:.3f} |")
    print(f"\nPooled over all sets with positives (precision and recall turned back into counts):\n")
    print(f"| category | F1 {b} | F1 {a} | change |")
    print("|---|---:|---:|---:|")
    for category in ['spam', 'off_topic', 'conspiracy', 'filler']:
        x, y = pooled(before, category), pooled(after, category)
        print(f"| {category} | {x:.3f} | {y:.3f} | {y - x:+.3f} |")


if __name__ == '__main__':
    main()
