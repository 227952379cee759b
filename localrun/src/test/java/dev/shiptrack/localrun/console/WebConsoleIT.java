package dev.shiptrack.localrun.console;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console in a real browser (headless Chromium) against {@code ./local-run}: alice logs in with the
 * authorization code flow and PKCE, creates a shipment (after the API's validation messages; then one more with the
 * keyboard alone, checking the Tab order), adds an event, sees
 * the timeline and the ETA, uploads and downloads a document and finds the event by search; bob sees none of it,
 * and a deep link to alice's shipment says "not found"; carol's suspended tenant gets a clear page; an expired
 * session is refreshed silently or ends with a message; the pages fit 360 px; the operator onboards a tenant
 * (after the API's validation message), suspends and reactivates it, its first user logs in, and it is offboarded
 * once its id is typed as confirmation; the isolation lab's forged requests (yellow's session on blue's partition,
 * index and prefix) each show a DENIED decision of the edge, live, and its allowed request an ALLOWED one with the
 * deciding statement, with no secret on the page. Screenshots go to
 * {@code target/web-console-screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebConsoleIT {

    private static LocalRunProcess localRun;
    private static Browser browser;

    /** Unique per run, so that the search finds exactly this run's event. */
    private static final String MARKER = "console" + UUID.randomUUID().toString().substring(0, 8);
    private static final String ORDER = "WEB-" + MARKER.substring("console".length()).toUpperCase();
    private static final String DOCUMENT = "Received in good order. A. Yellow " + MARKER;

    private static final String NEW_TENANT = MARKER;
    private static final String NEW_USER = "ann" + MARKER.substring("console".length());

    private static String aliceShipmentPath;

    @BeforeAll
    static void startTheLocalRunAndABrowser() throws Exception {
        Assumptions.assumeTrue(Browser.installed(), "chromium and chromium-driver are not installed (.ci/run installs"
                + " them with apt-get)");
        localRun = LocalRunProcess.start();
        browser = new Browser(localRun.console());
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (localRun != null) {
            localRun.close();
        }
    }

    @Test
    @Order(1)
    void aliceShouldLogInWithPkceAndSeeHerTenantAndShipments() throws Exception {
        browser.open("/");
        assertThat(browser.heading()).isEqualTo("Welcome");

        browser.logIn("alice");

        browser.waitForText(By.tagName("caption"), "shipments");
        browser.waitForText(By.id("who"), "Tenant: Yellow Parcels (yellow)");
        assertThat(browser.find(By.id("who")).getText()).contains("Signed in as alice");
        assertThat(browser.find(By.tagName("table")).getText()).contains("YELLOW-1001", "YELLOW-1002")
                .doesNotContain("BLUE-2001");
        assertThat((String) browser.script("return sessionStorage.getItem('shiptrack.session')"))
                .as("the tokens stay in this tab's session storage").contains("accessToken");
        assertThat((String) browser.script("return document.cookie")).as("the console sets no cookie").isEmpty();
        browser.screenshot("shipments");
    }

    @Test
    @Order(2)
    void aliceShouldSeeTheApisValidationMessagesThenCreateAShipment() throws Exception {
        browser.click(By.linkText("Create a shipment"));
        browser.type(By.id("field-orderReference"), ORDER);
        browser.type(By.id("field-origin-country"), "Germany");
        browser.click(By.xpath("//button[normalize-space()='Create shipment']"));

        WebElement summary = browser.find(By.cssSelector("form [role=alert]"));
        assertThat(summary.getText()).contains("Please correct the shipment", "origin.city", "origin.country");
        assertThat(browser.find(By.id("field-origin-city")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find(By.id("field-origin-city-error")).getText()).startsWith("origin.city");
        assertThat(browser.find(By.id("field-orderReference")).getAttribute("aria-invalid"))
                .as("a valid field is not marked").isNull();
        browser.screenshot("create-shipment-validation");

        fill("origin", "1 Dock Road", "Hamburg", "20457", "DE");
        fill("destination", "42 Main Street", "Munich", "80331", "DE");
        browser.type(By.id("field-carrier"), "DHL");
        browser.type(By.id("field-parcel-weightGrams"), "1200");
        browser.type(By.id("field-parcel-lengthCm"), "30");
        browser.type(By.id("field-parcel-widthCm"), "20");
        browser.type(By.id("field-parcel-heightCm"), "10");
        browser.click(By.xpath("//button[normalize-space()='Create shipment']"));

        browser.waitForText(By.tagName("h1"), "Shipment " + ORDER);
        aliceShipmentPath = browser.currentPath();
        assertThat(aliceShipmentPath).matches("/shipments/[0-9a-f-]{36}");
        assertThat(timeline()).containsExactly("LABEL_CREATED");
    }

    @Test
    @Order(3)
    void aliceShouldAddAnEventAndSeeTheTimelineInOrderWithStatusAndEta() throws Exception {
        new Select(browser.find(By.id("field-status"))).selectByVisibleText("IN_TRANSIT");
        browser.type(By.id("field-location"), "Hannover hub");
        browser.type(By.id("field-note"), "Passed the Hannover sorting centre " + MARKER);
        browser.click(By.xpath("//button[normalize-space()='Add event']"));

        browser.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#timeline li"), 2));
        assertThat(timeline()).containsExactly("LABEL_CREATED", "IN_TRANSIT");
        assertThat(browser.find(By.id("status")).getText()).isEqualTo("IN_TRANSIT");
        assertThat(browser.find(By.cssSelector("#eta time")).getAttribute("datetime"))
                .as("an ETA for a shipment in transit").matches("\\d{4}-\\d{2}-\\d{2}T.*");
        assertThat(browser.find(By.id("timeline")).getText()).contains("Location: Hannover hub", MARKER);
    }

    @Test
    @Order(4)
    void aliceShouldUploadAndDownloadADeliveryDocument() throws Exception {
        Path note = Files.createTempDirectory("web-console-upload").resolve("delivery-note.txt");
        Files.writeString(note, DOCUMENT);
        browser.find(By.id("field-document")).sendKeys(note.toString());
        browser.click(By.xpath("//button[normalize-space()='Upload']"));
        browser.waitForText(By.id("documents"), "delivery-note.txt (text/plain, " + DOCUMENT.length() + " bytes)");

        browser.type(By.id("field-name"), "delivery-note.txt");
        browser.click(By.xpath("//button[normalize-space()='Download']"));

        assertThat(Files.readString(browser.downloaded("delivery-note.txt"))).isEqualTo(DOCUMENT);
        browser.screenshot("shipment");
    }

    @Test
    @Order(5)
    void aliceShouldFindTheEventBySearch() throws Exception {
        browser.click(By.linkText("Search"));
        browser.type(By.id("field-q"), MARKER, Keys.ENTER);

        browser.waitForText(By.tagName("h2"), "1 event matches");
        assertThat(browser.find(By.id("hits")).getText()).contains("IN_TRANSIT", "Hannover hub", MARKER);
        browser.screenshot("search");
        browser.click(By.cssSelector("#hits a"));
        browser.waitForText(By.tagName("h1"), "Shipment " + ORDER);
        assertThat(browser.currentPath()).isEqualTo(aliceShipmentPath);
    }

    /**
     * Keyboard alone: from the page's start, Tab visits every control of the form once, in the order they are shown
     * (no positive tabindex, nothing hidden in between), and typing into each and pressing Enter on the button
     * creates the shipment.
     */
    @Test
    @Order(6)
    @SuppressWarnings("unchecked")
    void aliceShouldCreateAShipmentWithTheKeyboardAloneVisitingTheFieldsInTheOrderShown() {
        String order = "KEY-" + MARKER.substring("console".length()).toUpperCase();
        Map<String, String> values = new LinkedHashMap<>(Map.of("field-orderReference", order,
                "field-origin-street", "1 Dock Road", "field-origin-city", "Hamburg", "field-origin-postalCode", "20457",
                "field-origin-country", "DE", "field-destination-street", "7 Quay", "field-destination-city", "Bremen",
                "field-destination-postalCode", "28195", "field-destination-country", "DE", "field-carrier", "DHL"));
        values.putAll(Map.of("field-parcel-weightGrams", "900", "field-parcel-lengthCm", "20", "field-parcel-widthCm",
                "15", "field-parcel-heightCm", "5"));
        browser.open("/shipments/new");
        browser.waitForText(By.tagName("h1"), "Create a shipment");
        List<String> shown = (List<String>) browser.script("""
                return [...document.querySelectorAll('main a[href], main button, main input, main select, main textarea')]
                    .filter(element => !element.disabled && element.getClientRects().length > 0)
                    .map(element => element.id || element.textContent.trim());""");
        assertThat(shown).as("the form's controls").containsAll(values.keySet()).endsWith("Create shipment");
        assertThat(browser.script("return document.activeElement.id")).as("a new page has the focus").isEqualTo("main");

        List<String> visited = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            WebElement focused = browser.tab();
            String id = focused.getDomProperty("id");
            String name = id == null || id.isEmpty() ? focused.getText().trim() : id;
            visited.add(name);
            if (values.containsKey(name)) {
                browser.press(values.get(name));
            }
        }
        assertThat(visited).as("Tab order").isEqualTo(shown);
        browser.press(Keys.ENTER);

        browser.waitForText(By.tagName("h1"), "Shipment " + order);
        assertThat(timeline()).containsExactly("LABEL_CREATED");
    }

    @Test
    @Order(7)
    void aShipmentPageShouldFitA360PixelScreen() throws Exception {
        browser.resize(360, 740);
        try {
            browser.open(aliceShipmentPath);
            browser.waitForText(By.tagName("h1"), "Shipment " + ORDER);
            assertThat((Long) browser.script("return document.documentElement.scrollWidth - window.innerWidth"))
                    .as("no horizontal scrolling at 360 px").isLessThanOrEqualTo(0L);
            browser.screenshot("shipment-360px");
        } finally {
            browser.resize(1280, 1000);
        }
    }

    @Test
    @Order(8)
    void anExpiredAccessTokenShouldBeRefreshedSilently() {
        browser.script("const s = JSON.parse(sessionStorage.getItem('shiptrack.session')); s.expiresAt = 0;"
                + " sessionStorage.setItem('shiptrack.session', JSON.stringify(s));");
        String before = (String) browser.script("return sessionStorage.getItem('shiptrack.session')");

        browser.open("/shipments");

        browser.waitForText(By.tagName("caption"), "shipments");
        assertThat((String) browser.script("return sessionStorage.getItem('shiptrack.session')"))
                .as("a new access token from the refresh token").isNotEqualTo(before);
    }

    @Test
    @Order(9)
    void anEndedSessionShouldSaySoAndLogOutShouldEndTheKeycloakSession() {
        browser.script("const s = JSON.parse(sessionStorage.getItem('shiptrack.session')); s.expiresAt = 0;"
                + " s.refreshToken = 'revoked'; sessionStorage.setItem('shiptrack.session', JSON.stringify(s));");

        browser.open("/search");

        assertThat(browser.heading()).isEqualTo("Your session has ended");
        assertThat(browser.find(By.cssSelector("main [role=alert]")).getText()).contains("Log in again");
        browser.logIn("alice");
        assertThat(browser.currentPath()).as("back where the session ended").isEqualTo("/search");

        browser.logOut();
        browser.click(By.xpath("//button[normalize-space()='Log in']"));
        assertThat(browser.find(By.id("username")).isDisplayed())
                .as("Keycloak asks for the password again: its session ended with the console's").isTrue();
        browser.open("/");
    }

    @Test
    @Order(10)
    void bobShouldSeeNoneOfAlicesDataEvenThroughADeepLink() throws Exception {
        browser.logIn("bob");
        browser.waitForText(By.tagName("caption"), "shipments");
        browser.waitForText(By.id("who"), "Tenant: Blue Freight (blue)");
        assertThat(browser.find(By.tagName("table")).getText()).contains("BLUE-2001").doesNotContain(ORDER, "YELLOW");

        browser.open(aliceShipmentPath);
        assertThat(browser.heading()).isEqualTo("Shipment not found");
        assertThat(browser.find(By.tagName("main")).getText()).contains("tenant blue").doesNotContain(ORDER, "Hamburg");
        browser.screenshot("not-found-for-bob");

        browser.open("/search?q=" + MARKER);
        browser.waitForText(By.tagName("h2"), "0 events match");
        browser.logOut();
    }

    @Test
    @Order(11)
    void carolShouldSeeThatHerTenantIsSuspended() throws Exception {
        browser.logIn("carol");

        assertThat(browser.heading()).isEqualTo("Your organisation is suspended");
        assertThat(browser.find(By.tagName("main")).getText()).contains("Tenant green is suspended")
                .doesNotContain("Exception", "at dev.");
        assertThat(browser.textOf(By.id("nav"))).as("no pages to go to").isEmpty();
        browser.screenshot("suspended");
        browser.logOut();
    }

    @Test
    @Order(12)
    void theOperatorShouldOnboardATenantWhoseFirstUserThenLogsIn() throws Exception {
        browser.logIn("olivia");
        browser.waitForText(By.tagName("caption"), "tenants");
        assertThat(browser.find(By.id("who")).getText()).contains("Platform operator");
        assertThat(rowOf("yellow")).contains("ACTIVE", "standard");
        assertThat(rowOf("green")).contains("SUSPENDED", "basic");

        browser.type(By.id("field-id"), "No Such Id!");
        browser.click(By.xpath("//button[normalize-space()='Onboard tenant']"));
        assertThat(browser.find(By.cssSelector("form [role=alert]")).getText())
                .contains("The tenant was not onboarded", "must be 3 to 32 lowercase letters and digits");
        browser.screenshot("operator-tenants");

        browser.type(By.id("field-id"), NEW_TENANT);
        browser.type(By.id("field-name"), "Console Test Ltd");
        new Select(browser.find(By.id("field-tier"))).selectByVisibleText("standard");
        browser.type(By.id("field-admin-username"), NEW_USER);
        browser.type(By.id("field-admin-email"), NEW_USER + "@console.example");
        browser.type(By.id("field-admin-password"), NEW_USER);
        browser.click(By.xpath("//button[normalize-space()='Onboard tenant']"));

        browser.waitForText(By.tagName("h1"), "Tenant Console Test Ltd");
        assertThat(browser.find(By.id("tenant-status")).getText()).isEqualTo("ACTIVE");
        assertThat(browser.find(By.id("events")).getText()).contains("TenantOnboardingSucceeded");
        browser.click(By.xpath("//button[normalize-space()='Suspend']"));
        browser.waitForText(By.id("tenant-status"), "SUSPENDED");
        browser.click(By.xpath("//button[normalize-space()='Reactivate']"));
        browser.waitForText(By.id("tenant-status"), "ACTIVE");
        assertThat(browser.find(By.id("events")).getText()).contains("TenantSuspended", "TenantActivated");
        browser.screenshot("operator-tenant");
        browser.logOut();

        browser.logIn(NEW_USER);
        browser.waitForText(By.id("who"), "Tenant: Console Test Ltd (" + NEW_TENANT + ")");
        browser.waitForText(By.tagName("main"), "No shipments yet.");
        browser.logOut();
    }

    @Test
    @Order(13)
    void theOperatorShouldOffboardATenantOnlyAfterConfirmingItsId() throws Exception {
        browser.logIn("olivia");
        browser.open("/operator/tenants/" + NEW_TENANT);
        browser.type(By.id("field-confirm"), "yellow");
        browser.click(By.xpath("//button[normalize-space()='Offboard tenant']"));
        assertThat(browser.find(By.id("field-confirm-error")).getText()).contains("must be the tenant id " + NEW_TENANT);
        assertThat(browser.find(By.id("tenant-status")).getText()).isEqualTo("ACTIVE");

        browser.type(By.id("field-confirm"), NEW_TENANT);
        browser.click(By.xpath("//button[normalize-space()='Offboard tenant']"));

        browser.waitForText(By.id("tenant-status"), "DELETED");
        assertThat(browser.find(By.id("events")).getText()).contains("TenantOffboardingSucceeded");
        browser.logOut();
    }

    @Test
    @Order(14)
    void theIsolationLabShouldShowTheEdgeDenyingEachForgedRequestLive() throws Exception {
        browser.open("/lab");
        browser.waitForText(By.id("live"), "Live: following");

        forge("own-dynamodb", "Query yellow's own partition (allowed)", "was answered 200: 0 items");
        assertThat(decision("dynamodb:Query", "ALLOWED")).contains("TenantItemsInPooledTable", "tenant yellow");

        forge("dynamodb", "Query blue's DynamoDB partition", "AccessDeniedException");
        assertThat(decision("dynamodb:Query", "DENIED")).contains("buggy-service (tenant yellow)",
                "table/TrackingData", "none: no statement allows it");
        forge("opensearch", "Search blue's OpenSearch index", "was answered 403");
        assertThat(decision("es:", "DENIED")).contains("blue-tracking", "tenant yellow");
        forge("s3", "List blue's S3 prefix", "AccessDenied");
        assertThat(decision("s3:", "DENIED")).contains("tracking-documents", "tenant yellow");

        assertThat(browser.textOf(By.tagName("body"))).as("no secret on the page")
                .doesNotContain("local-secret", "SecretAccessKey", "SessionToken", "AKIA", "ASIA");
        browser.screenshot("isolation-lab");
    }

    /** Clicks a lab button and waits for the buggy service's answer. */
    private static void forge(String kind, String button, String answer) {
        browser.click(By.xpath("//button[normalize-space()=\"" + button + "\"]"));
        browser.waitForText(By.cssSelector("#attempts li[data-kind='" + kind + "']"), answer);
    }

    /** Waits for the edge's decision on the lab's request (an action or its prefix) arriving in the live table. */
    private static String decision(String action, String verdict) {
        return browser.find(By.xpath("//table[@id='decisions']//tr[contains(td[2], 'buggy-service')"
                + " and starts-with(td[3], '" + action + "') and starts-with(td[5], '" + verdict + "')]")).getText();
    }

    private static String rowOf(String tenant) {
        return browser.find(By.xpath("//table[@id='tenants']//tr[td[1][normalize-space()='" + tenant + "']]")).getText();
    }

    private static void fill(String prefix, String street, String city, String postalCode, String country) {
        browser.type(By.id("field-" + prefix + "-street"), street);
        browser.type(By.id("field-" + prefix + "-city"), city);
        browser.type(By.id("field-" + prefix + "-postalCode"), postalCode);
        browser.type(By.id("field-" + prefix + "-country"), country);
    }

    private static List<String> timeline() {
        return browser.find(By.id("timeline")).findElements(By.cssSelector("li > .status")).stream()
                .map(WebElement::getText).toList();
    }
}
