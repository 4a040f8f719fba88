package org.healthwallet.app.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javax.imageio.ImageIO;
import org.healthwallet.app.TestFiles;
import org.healthwallet.app.ui.Fx;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The window icon is drawn at every size; the 256 px rendering is the one in assets/icon.png. */
class AppIconTest {
    @BeforeAll
    static void fx() throws Exception {
        Fx.start();
    }

    @Test
    void drawsAShieldWithARedHeartOnTealWithClearCorners() throws Exception {
        List<Image> images = Fx.call(AppIcon::images);
        assertThat(images).extracting(Image::getWidth).containsExactly(16.0, 24.0, 32.0, 48.0, 64.0, 128.0, 256.0);

        Image big = images.get(images.size() - 1);
        BufferedImage png = SwingFXUtils.fromFXImage(big, null);
        Path out = TestFiles.root().resolve("app/target/icon-256.png");
        Files.createDirectories(out.getParent());
        ImageIO.write(png, "png", out.toFile());

        assertThat(alpha(png.getRGB(1, 1))).as("rounded corner").isZero();
        int heart = png.getRGB(128, 130);
        assertThat(red(heart)).isGreaterThan(180);
        assertThat(green(heart)).isLessThan(90);
        int shield = png.getRGB(128, 60);
        assertThat(red(shield)).isGreaterThan(240);
        assertThat(green(shield)).isGreaterThan(240);
        int teal = png.getRGB(30, 128);
        assertThat(green(teal)).isGreaterThan(red(teal) + 40);
    }

    private static int alpha(int argb) { return argb >>> 24; }

    private static int red(int argb) { return (argb >> 16) & 0xff; }

    private static int green(int argb) { return (argb >> 8) & 0xff; }
}
