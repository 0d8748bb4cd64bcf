"""Test helper run in a subprocess: one store transaction that may pause (CODER_PAUSE_AT) so a test can kill it.

usage: python _hold.py ROOT RUN_ID SPEC_JSON [MAX_FILES]
SPEC_JSON is a list of [article_id, content_hash, [years...]].
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from coder.store import CompactPolicy  # noqa: E402
from store_helpers import run_once  # noqa: E402

if __name__ == "__main__":
    root, run_id, spec = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    policy = CompactPolicy(max_files=int(sys.argv[4])) if len(sys.argv) > 4 else CompactPolicy()
    res = run_once(Path(root), run_id, [(a, h, y) for a, h, y in spec], policy=policy)
    print(json.dumps({"version": res.version}))
