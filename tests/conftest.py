"""For the whole suite: SIGINT reaches the processes a test interrupts.

A suite started in the background (`sh ci/test.sh &` in a script, a
subshell, nohup) inherits SIGINT ignored, and so would every process it
starts: the tests that Ctrl-C a make (test_vendor, test_interrupt) would
wait for it in vain, or fall back to SIGKILL. Python's own handler is
reset to the default in each child, as a terminal's shell would start it.
"""

import signal

if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)
