package dev.reparse.provisioning.spi;

import dev.reparse.provisioning.CloudCodeRelease;
import dev.reparse.provisioning.cloud.CodeBundle;

/** Where provisioning fetches an app's uploaded code from (the control plane's database); may block. */
@FunctionalInterface
public interface CloudCodeSource {

    /** The bundle of that release; throws when it is not stored (any more). */
    CodeBundle fetch(String applicationId, CloudCodeRelease release);
}
