// Parse an iCalendar feed (stdin) with Mozilla's ical.js, as Thunderbird does, and print what
// it understood as JSON: every VEVENT's uid, dtstamp, start, url and alarm triggers. A parse
// error exits non-zero with the message.
import ICAL from "ical.js";

let text = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) text += chunk;

try {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    const stamp = vevent.getFirstPropertyValue("dtstamp");
    return {
      uid: event.uid,
      summary: event.summary,
      dtstamp: stamp ? stamp.toString() : null,
      dtstampUtc: stamp ? stamp.zone === ICAL.Timezone.utcTimezone : false,
      start: event.startDate ? event.startDate.toJSDate().toISOString() : null,
      url: vevent.getFirstPropertyValue("url"),
      status: vevent.getFirstPropertyValue("status"),
      alarms: vevent.getAllSubcomponents("valarm").map((alarm) => {
        const trigger = alarm.getFirstProperty("trigger");
        return {
          action: alarm.getFirstPropertyValue("action"),
          description: alarm.getFirstPropertyValue("description"),
          trigger: trigger.type === "duration"
            ? trigger.getFirstValue().toSeconds()
            : trigger.getFirstValue().toJSDate().toISOString(),
        };
      }),
    };
  });
  process.stdout.write(JSON.stringify({ events }));
} catch (error) {
  process.stderr.write(`ical.js: ${error}\n`);
  process.exit(1);
}
