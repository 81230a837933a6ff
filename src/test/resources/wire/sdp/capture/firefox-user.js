// Firefox profile prefs for the SDP capture: fake camera and microphone, no permission prompt,
// no first-run or network chatter. Copy into an empty profile directory as user.js.
user_pref("media.navigator.streams.fake", true);
user_pref("media.navigator.permission.disabled", true);
user_pref("browser.shell.checkDefaultBrowser", false);
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);
user_pref("app.update.enabled", false);
user_pref("network.captive-portal-service.enabled", false);
user_pref("browser.startup.homepage_override.mstone", "ignore");
