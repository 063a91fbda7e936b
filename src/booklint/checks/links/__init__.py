"""Links (L): targets, anchors, malformed URLs, navigation and table-of-contents links."""
