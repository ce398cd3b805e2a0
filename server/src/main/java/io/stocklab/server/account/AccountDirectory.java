package io.stocklab.server.account;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** What other features may know about accounts: public nicknames, and a user's contact address for notifications. */
@Service
public class AccountDirectory {
    private final UserRepository users;

    AccountDirectory(UserRepository users) {
        this.users = users;
    }

    /** A user's contact: e-mail (for notifications) and nickname. */
    public record Contact(UUID id, String email, String nickname, boolean disabled) {
    }

    /** Nicknames of the given users, in the order given; unknown ids are left out. */
    public Map<UUID, String> nicknames(Collection<UUID> ids) {
        Map<UUID, String> out = new LinkedHashMap<>();
        if (ids == null || ids.isEmpty()) return out;
        Map<UUID, String> found = new java.util.HashMap<>();
        users.findAllById(ids.stream().distinct().toList()).forEach(u -> found.put(u.id(), u.nickname()));
        for (UUID id : ids) {
            String n = found.get(id);
            if (n != null) out.put(id, n);
        }
        return out;
    }

    public Optional<Contact> contact(UUID id) {
        return users.findById(id).map(u -> new Contact(u.id(), u.email(), u.nickname(), u.disabled()));
    }
}
