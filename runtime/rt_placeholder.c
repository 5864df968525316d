int fcrt__placeholder;
