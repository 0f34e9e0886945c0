package dev.reparse.controlplane.apps.rest;

import dev.reparse.controlplane.apps.AppView;
import java.util.List;

/** A list answer, in parse.com's {@code {"results": [...]}} shape. */
record AppList(List<AppView> results) {
}
