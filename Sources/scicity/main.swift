// scicity: everything lives in the libraries; this only starts it.
import SciTerminal
#if canImport(Glibc)
import Glibc
#endif

exit(TerminalMain.run())
