package dev.reparse.controlplane.apps.rest;

import dev.reparse.controlplane.apps.ReleaseView;
import java.util.List;

/** An app's releases, newest first, in the {@code {"results": [...]}} shape of the other lists. */
record ReleaseList(List<ReleaseView> results) {
}
