package com.xentree.foundation.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * JSON strings with a NUL character are refused when read (a 400 for a body, the .dlq for an
 * event): PostgreSQL text cannot hold one, so it would otherwise fail later as a 500.
 */
@Singleton
public class JsonConfig implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("strings-without-nul").addDeserializer(String.class, new StringsWithoutNul()));
    }

    static final class StringsWithoutNul extends StdScalarDeserializer<String> {

        StringsWithoutNul() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (value != null && value.indexOf('\u0000') >= 0) {
                throw ctxt.weirdStringException(value.replace('\u0000', '?'), String.class, "contains a NUL character");
            }
            return value;
        }
    }
}
