package dev.reparse.controlplane.secrets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores an app key column sealed with the platform key and reads it back open ({@link KeySeal}). */
@ApplicationScoped
@Converter
public class SealedKeyConverter implements AttributeConverter<String, String> {
    @Inject
    KeySeal seal;

    @Override
    public String convertToDatabaseColumn(String key) {
        return seal.seal(key);
    }

    @Override
    public String convertToEntityAttribute(String stored) {
        return seal.open(stored);
    }
}
