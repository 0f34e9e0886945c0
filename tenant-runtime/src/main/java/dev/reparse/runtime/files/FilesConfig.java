package dev.reparse.runtime.files;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** Where an app's files live and who may upload what ({@code reparse.files.*}). */
@ConfigMapping(prefix = "reparse.files")
public interface FilesConfig {
    /** {@code s3} (the default; an embedded S3 server when no endpoint is given) or {@code gridfs}. */
    @WithDefault("s3")
    String adapter();

    /** The S3 endpoint, e.g. {@code https://s3.eu-west-1.amazonaws.com}; none starts the embedded server. */
    Optional<String> s3Endpoint();

    /** The app's bucket; by default {@code reparse-<app id>}. Created when missing. */
    Optional<String> s3Bucket();

    /** The S3 region. */
    @WithDefault("us-east-1")
    String s3Region();

    /** The access key; without one the AWS default credential chain is used. */
    Optional<String> s3AccessKey();

    /** The secret key that goes with the access key. */
    Optional<String> s3SecretKey();

    /** Path-style addressing ({@code endpoint/bucket/key}); by default on for custom endpoints. */
    Optional<Boolean> s3PathStyle();

    /** The part size of multipart uploads (at least 5 MB); also the most one upload holds in memory. */
    @WithDefault("8M")
    MemorySize s3PartSize();

    /** The embedded S3 server's jar (s3proxy); by default found next to the runtime's build. */
    Optional<String> embeddedS3Jar();

    /** Whether anyone with the app's keys may upload, signed in or not (Parse Server 9: no). */
    @WithDefault("false")
    boolean enableForPublic();

    /** Whether anonymous users may upload (Parse Server 9: no). */
    @WithDefault("false")
    boolean enableForAnonymousUser();

    /** Whether signed-in users may upload (Parse Server 9: yes). */
    @WithDefault("true")
    boolean enableForAuthenticatedUser();

    /** The largest file accepted, e.g. {@code 1G} or {@code 50M}. */
    @WithDefault("1G")
    MemorySize maxUploadSize();

    /** Extensions (and their media types) refused; {@code none} turns the denylist off. */
    @WithDefault("html,htm,shtml,xhtml,xht,mht,mhtml,svg,svgz,xml,xsl,xslt")
    List<String> deniedExtensions();

    /** Keep upload names as given instead of prefixing a random 32-hex-digit id. */
    @WithDefault("false")
    boolean preserveFileName();
}
