/** JavaFX desktop app and command line. */
package org.healthwallet.app;
