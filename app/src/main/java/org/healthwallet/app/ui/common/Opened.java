package org.healthwallet.app.ui.common;

import java.util.Objects;
import org.healthwallet.app.wallet.OpenWallet;

/** A wallet opened in the background together with its overview, ready for {@link WalletSession#open}. */
public record Opened(OpenWallet wallet, RecordsOverview overview) {
    public Opened {
        Objects.requireNonNull(wallet, "wallet");
        Objects.requireNonNull(overview, "overview");
    }

    /** Works out the overview of a just-opened wallet; on failure the wallet is closed again, not leaked. */
    public static Opened of(OpenWallet wallet) {
        try {
            return new Opened(wallet, RecordsOverview.of(wallet.index()));
        } catch (RuntimeException | Error e) {
            wallet.close();
            throw e;
        }
    }
}
