int fc__chan_placeholder;
