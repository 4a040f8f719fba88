package org.healthwallet.app.ui.common;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.SVGPath;
import javafx.scene.transform.Scale;

/**
 * The app's icon, drawn from the same paths as {@code assets/icon.svg}: a shield (the vault)
 * holding a heart (the records). Drawn, not loaded, so it is sharp at every size.
 */
public final class AppIcon {
    static final String SHIELD = "M128 36 L204 64 V122 C204 170 172 206 128 224 C84 206 52 170 52 122 V64 Z";
    static final String HEART = "M128 176 C128 176 84 149 84 117 C84 101 96 89 111 89 C119 89 125 93 128 99 "
            + "C131 93 137 89 145 89 C160 89 172 101 172 117 C172 149 128 176 128 176 Z";

    private AppIcon() {}

    /** The icon as a node {@code size} pixels wide and high. */
    public static Node node(double size) {
        Rectangle background = new Rectangle(8, 8, 240, 240);
        background.setArcWidth(112);
        background.setArcHeight(112);
        background.setFill(new LinearGradient(0, 0, 1, 1, true, CycleMethod.NO_CYCLE,
                new Stop(0, Color.web("#14B8A6")), new Stop(1, Color.web("#0F5F73"))));
        SVGPath shield = new SVGPath();
        shield.setContent(SHIELD);
        shield.setFill(Color.WHITE);
        SVGPath heart = new SVGPath();
        heart.setContent(HEART);
        heart.setFill(new LinearGradient(0, 0, 0, 1, true, CycleMethod.NO_CYCLE,
                new Stop(0, Color.web("#F43F5E")), new Stop(1, Color.web("#BE123C"))));
        // Scale the 256-unit drawing; a clear 256-unit frame keeps the margins at every size.
        Rectangle frame = new Rectangle(0, 0, 256, 256);
        frame.setFill(Color.TRANSPARENT);
        Group drawing = new Group(frame, background, shield, heart);
        drawing.getTransforms().add(new Scale(size / 256.0, size / 256.0, 0, 0));
        return new Group(drawing);
    }

    /** Window icons at the sizes desktops ask for. Call on the FX thread. */
    public static List<Image> images() {
        List<Image> images = new ArrayList<>();
        for (int size : new int[] {16, 24, 32, 48, 64, 128, 256}) {
            images.add(image(size));
        }
        return images;
    }

    /** One rendering of the icon with a transparent background. Call on the FX thread. */
    public static Image image(int size) {
        SnapshotParameters params = new SnapshotParameters();
        params.setFill(Color.TRANSPARENT);
        return node(size).snapshot(params, null);
    }
}
