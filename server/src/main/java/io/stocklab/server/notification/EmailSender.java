package io.stocklab.server.notification;

import io.stocklab.server.account.AccountDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Sends the notification as a plain-text e-mail to the account's address over the SMTP server configured with
 * {@code spring.mail.*} (the channel is unavailable without {@code spring.mail.host}).
 */
@Component
class EmailSender implements ChannelSender {
    private final ObjectProvider<JavaMailSender> mail;
    private final AccountDirectory accounts;
    private final NotificationProperties properties;

    EmailSender(ObjectProvider<JavaMailSender> mail, AccountDirectory accounts, NotificationProperties properties) {
        this.mail = mail;
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public String channel() {
        return NotificationService.EMAIL;
    }

    @Override
    public Outcome send(NotificationRepository.DeliveryRow d) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) return Outcome.giveUp(null, "e-mail is not configured on this server");
        var contact = accounts.contact(d.userId()).orElse(null);
        if (contact == null || contact.disabled() || contact.email() == null) {
            return Outcome.giveUp(null, "the account has no usable e-mail address");
        }
        JsonNode n = NotificationService.JSON.readTree(d.payload()).path("notification");
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.email().from());
        message.setTo(contact.email());
        message.setSubject("[StockLab] " + n.path("title").asString());
        message.setText(text(n));
        try {
            sender.send(message);
            return Outcome.delivered(null);
        } catch (MailAuthenticationException | MailParseException e) {
            return Outcome.giveUp(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (MailException e) {
            return Outcome.retry(null, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
    }

    static String text(JsonNode n) {
        StringBuilder s = new StringBuilder(n.path("title").asString());
        if (n.hasNonNull("body")) s.append("\n\n").append(n.path("body").asString());
        if (n.hasNonNull("url")) s.append("\n\n").append(n.path("url").asString());
        s.append("\n\n-- \nYou receive this because e-mail notifications are on in your StockLab settings.\n");
        return s.toString();
    }
}
