package org.healthwallet.app.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, or the development version when run from classes. */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"HealthWallet " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
}
