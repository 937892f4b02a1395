import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
# The layer suite's helpers (tool_env: a PATH without Rust).
sys.path.insert(1, str(Path(__file__).parent.parent / "layer"))
