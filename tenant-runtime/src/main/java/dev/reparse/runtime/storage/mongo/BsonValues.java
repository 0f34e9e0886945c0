package dev.reparse.runtime.storage.mongo;

import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;

/** Raw {@link BsonValue}s (from {@code distinct}) to the Java values a {@link Document} would hold. */
final class BsonValues {
    private static final DocumentCodec CODEC = new DocumentCodec();

    private BsonValues() {
    }

    static Object toJava(BsonValue value) {
        BsonDocument wrapper = new BsonDocument("v", value);
        return CODEC.decode(new BsonDocumentReader(wrapper), DecoderContext.builder().build()).get("v");
    }
}
