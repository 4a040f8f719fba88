package org.healthwallet.app.ui.welcome;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.concurrent.Task;
import org.healthwallet.app.ui.common.Background;
import org.healthwallet.app.wallet.WalletHome;

/** The first screen: is there a wallet here already, and where "here" is. */
public final class WelcomeViewModel {
    private final WalletHome home;
    private final Background background;
    private final ReadOnlyBooleanWrapper walletExists = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper checked = new ReadOnlyBooleanWrapper(false);

    public WelcomeViewModel(WalletHome home, Background background) {
        this.home = home;
        this.background = background;
    }

    /** True once a wallet is known to exist in the data folder ("open existing" is offered). */
    public ReadOnlyBooleanProperty walletExistsProperty() { return walletExists.getReadOnlyProperty(); }

    /** True once the data folder has been looked at. */
    public ReadOnlyBooleanProperty checkedProperty() { return checked.getReadOnlyProperty(); }

    public String location() { return home.location().toString(); }

    /** Looks at the data folder off the FX thread. */
    public Task<Boolean> refresh() {
        Task<Boolean> task = new Task<>() {
            @Override protected Boolean call() {
                return home.exists();
            }
        };
        task.setOnSucceeded(e -> {
            walletExists.set(task.getValue());
            checked.set(true);
        });
        task.setOnFailed(e -> {
            walletExists.set(false);
            checked.set(true);
        });
        return background.run(task);
    }
}
