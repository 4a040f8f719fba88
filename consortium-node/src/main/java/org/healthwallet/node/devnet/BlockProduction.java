package org.healthwallet.node.devnet;

/** When the dev network makes blocks. */
public enum BlockProduction {
    /** As soon as transactions wait, and otherwise every empty-block interval (like CometBFT). */
    AUTOMATIC,
    /** Only when {@link DevNetwork#produceBlock()} or {@link DevNetwork#produceBlocks(int)} is called (tests). */
    ON_DEMAND
}
