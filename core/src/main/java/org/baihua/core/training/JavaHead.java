package org.baihua.core.training;

import org.baihua.core.training.nn.HeadNetwork;
import org.baihua.core.training.nn.HeadWeights;
import org.baihua.core.training.nn.MatrixOps;

/** Runs trained weights with the engine's own kernels (single thread); the reference for ONNX parity. */
public final class JavaHead implements HeadRunner {

    private final HeadNetwork network;
    private final MatrixOps ops = new MatrixOps(1);

    public JavaHead(HeadWeights weights) {
        this.network = HeadNetwork.of(weights);
    }

    @Override
    public int inputs() {
        return network.inputs();
    }

    @Override
    public int outputs() {
        return network.outputs();
    }

    @Override
    public synchronized float[][] probabilities(float[][] x) {
        return network.predict(x, ops); // the network's buffers are shared, hence synchronized
    }

    @Override
    public void close() {
        ops.close();
    }
}
