package org.baihua.spark;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Vectors as bytes between executors and the driver: little-endian floats, as the embedding cache stores them. */
final class Vectors {

    private Vectors() {}

    static byte[] encode(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    static float[] decode(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
