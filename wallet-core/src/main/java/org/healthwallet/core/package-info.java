/** The wallet as a library, no UI. */
package org.healthwallet.core;
