int a; // fearcheck-ignore[data-race]: counted once, read after join
// fearcheck-ignore[lock-order,double-lock]: the two are never taken together
int b;
/* fearcheck-ignore[*]: generated */ int c;
int d; // fearcheck-ignore[data-race]
int e; // fearcheck-ignore[: broken
const char *s = "// fearcheck-ignore[data-race]: in a string";
/* fearcheck-ignore[no-such-check]: x */
