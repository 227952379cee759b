package dev.shiptrack.localrun.console;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

/**
 * Headless Chromium from Debian's {@code chromium} and {@code chromium-driver} packages (.ci/run installs them),
 * driven by Selenium, with its downloads in a folder of its own and screenshots written to
 * {@code target/web-console-screenshots/}.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path SCREENSHOTS = Path.of("target", "web-console-screenshots");

    private final ChromeDriver driver;
    private final WebDriverWait wait;
    private final URI console;
    private final Path downloads;

    Browser(URI console) throws IOException {
        this.console = console;
        this.downloads = Files.createTempDirectory("web-console-downloads");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000",
                        "--lang=en-GB")
                .setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                        "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.wait = new WebDriverWait(driver, WAIT);
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    void open(String path) {
        driver.get(console.resolve(path).toString());
    }

    /**
     * Logs in from the console's start page: Keycloak's login page asks for the password unless its session is
     * still alive (then it sends the browser straight back); waits for the console again.
     */
    void logIn(String user) {
        click(By.xpath("//button[normalize-space()='Log in']"));
        By signedIn = By.id("who");
        until(ExpectedConditions.or(ExpectedConditions.visibilityOfElementLocated(By.id("username")),
                ExpectedConditions.textToBePresentInElementLocated(signedIn, "Signed in as " + user)));
        if (!driver.findElements(By.id("username")).isEmpty()) {
            type(By.id("username"), user);
            type(By.id("password"), user);
            driver.findElement(By.id("kc-login")).click();
        }
        waitForText(signedIn, "Signed in as " + user);
    }

    /** Logs out through the console, which ends the Keycloak session and comes back to the start page. */
    void logOut() {
        click(By.xpath("//button[normalize-space()='Log out']"));
        waitForText(By.tagName("h1"), "Welcome");
    }

    WebElement find(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** The text of an element that may be empty (and so not visible). */
    String textOf(By locator) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(locator)).getText();
    }

    void click(By locator) {
        wait.until(ExpectedConditions.elementToBeClickable(locator)).click();
    }

    void type(By locator, CharSequence... keys) {
        WebElement field = find(locator);
        field.clear();
        field.sendKeys(keys);
    }

    void waitForText(By locator, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    <T> T until(ExpectedCondition<T> condition) {
        return wait.until(condition);
    }

    /** Presses the given keys as a keyboard user would: they go to whatever has the focus. */
    void press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /** Tab, then the element that has the focus now. */
    WebElement tab() {
        press(Keys.TAB);
        return driver.switchTo().activeElement();
    }

    String heading() {
        return find(By.tagName("h1")).getText();
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    String currentPath() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Waits until the browser has finished downloading {@code name} and returns the file. */
    Path downloaded(String name) {
        Path file = downloads.resolve(name);
        return wait.until(browser -> Files.isRegularFile(file)
                && !Files.exists(downloads.resolve(name + ".crdownload")) ? file : null);
    }

    /**
     * A screenshot of the whole page, from the top, as {@code target/web-console-screenshots/<name>.png}: the window
     * grows to the page's height for the shot.
     */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Dimension window = driver.manage().window().getSize();
        long frame = (Long) script("window.scrollTo(0, 0); return window.outerHeight - window.innerHeight");
        long page = (Long) script("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(window.width, (int) Math.max(window.height, page + frame)));
        try {
            File shot = driver.getScreenshotAs(OutputType.FILE);
            return Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
