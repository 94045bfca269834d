<?xml version="1.0" encoding="UTF-8"?>
<!-- One delivery: its state and what comes next (submit the requirement,
     wait for the vendor, accept or reject the work, appeal to the
     platform), its appeals, the requirement's versions with what changed,
     and the whole history. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('delivery.title', delivery/@no)"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="d" select="delivery"/>
    <xsl:call-template name="crumbs">
      <xsl:with-param name="href1" select="'/deliveries'"/>
      <xsl:with-param name="text1" select="m:t('deliveries.title')"/>
      <xsl:with-param name="here" select="$d/@no"/>
    </xsl:call-template>
    <div class="list-head">
      <h1>
        <xsl:value-of select="$d/product"/>
        <xsl:text> </xsl:text>
        <xsl:call-template name="status">
          <xsl:with-param name="prefix" select="'delivery.status.'"/>
          <xsl:with-param name="value" select="$d/@status"/>
        </xsl:call-template>
      </h1>
    </div>

    <section class="panel next-step">
      <h2><xsl:value-of select="m:t('delivery.next')"/></h2>
      <xsl:choose>
        <xsl:when test="$d/@appeal-open = '1'">
          <p><strong><xsl:value-of select="m:t('appeal.status.open')"/></strong></p>
          <p><xsl:value-of select="m:t('appeal.frozen')"/></p>
        </xsl:when>
        <xsl:otherwise>
          <p><xsl:value-of select="m:t(concat('delivery.next.', $d/@status))"/></p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:choose>
        <xsl:when test="$d/@appeal-open = '1'"/>
        <xsl:when test="$d/@status = 'awaiting_requirement'">
          <div class="actions">
            <a class="button primary" href="/deliveries/{$d/@no}/requirement"><xsl:value-of select="m:t('delivery.submit_requirement')"/></a>
          </div>
        </xsl:when>
        <xsl:when test="$d/@status = 'pending_confirmation'">
          <div class="actions">
            <a class="button" href="/deliveries/{$d/@no}/requirement"><xsl:value-of select="m:t('delivery.edit')"/></a>
          </div>
        </xsl:when>
        <xsl:when test="$d/@status = 'pending_acceptance'">
          <p>
            <xsl:value-of select="m:t('delivery.accept_by', $d/@accept-days)"/>
            <xsl:text> </xsl:text>
            <strong><xsl:call-template name="time"><xsl:with-param name="t" select="$d/@accept-by"/></xsl:call-template></strong>
          </p>
          <div class="actions">
            <form class="inline-form" action="/deliveries/{$d/@no}/accept" method="post">
              <input type="hidden" name="csrf" value="{/page/session/@csrf}"/>
              <button type="submit" class="button primary"><xsl:value-of select="m:t('delivery.accept')"/></button>
            </form>
          </div>
          <form class="stacked reject" action="/deliveries/{$d/@no}/reject" method="post">
            <input type="hidden" name="csrf" value="{/page/session/@csrf}"/>
            <xsl:variable name="err" select="/page/form-error[@field = 'reason']"/>
            <label class="field">
              <span><xsl:value-of select="m:t('delivery.reason')"/></span>
              <textarea name="reason" rows="3" maxlength="2000" required="required">
                <xsl:if test="$err">
                  <xsl:attribute name="aria-invalid">true</xsl:attribute>
                  <xsl:attribute name="aria-describedby">reason-error</xsl:attribute>
                  <xsl:attribute name="autofocus">autofocus</xsl:attribute>
                </xsl:if>
              </textarea>
              <xsl:call-template name="field-error"><xsl:with-param name="field" select="'reason'"/></xsl:call-template>
              <xsl:if test="not($err)"><span class="field-hint"><xsl:value-of select="m:t('delivery.reason_hint')"/></span></xsl:if>
            </label>
            <button type="submit" class="button danger"><xsl:value-of select="m:t('delivery.reject')"/></button>
          </form>
        </xsl:when>
        <xsl:when test="$d/@status = 'completed' and $d/@auto-accepted = '1'">
          <p><xsl:value-of select="m:t('delivery.auto_accepted')"/></p>
        </xsl:when>
      </xsl:choose>
      <xsl:choose>
        <xsl:when test="string($d/@can-appeal)">
          <p class="appeal-offer">
            <xsl:value-of select="m:t(concat('appeal.offer.', $d/@can-appeal), $d/@appeal-idle-days, $d/@appeal-rejections)"/>
            <xsl:text> </xsl:text>
            <a class="button" href="/deliveries/{$d/@no}/appeal"><xsl:value-of select="m:t('appeal.button')"/></a>
          </p>
        </xsl:when>
        <xsl:when test="string($d/@appeal-from)">
          <p class="muted appeal-later">
            <xsl:value-of select="m:t('appeal.later', $d/@appeal-idle-days, $d/@appeal-rejections)"/>
            <xsl:text> </xsl:text>
            <xsl:call-template name="time"><xsl:with-param name="t" select="$d/@appeal-from"/></xsl:call-template>
          </p>
        </xsl:when>
      </xsl:choose>
    </section>

    <xsl:if test="$d/appeals/appeal">
      <section class="panel appeals" id="appeals">
        <h2><xsl:value-of select="m:t('appeal.title')"/></h2>
        <xsl:for-each select="$d/appeals/appeal">
          <article class="appeal appeal-{@status}">
            <h3>
              <xsl:call-template name="status">
                <xsl:with-param name="prefix" select="'appeal.status.'"/>
                <xsl:with-param name="value" select="@status"/>
              </xsl:call-template>
              <xsl:text> </xsl:text>
              <span class="muted"><xsl:call-template name="time"><xsl:with-param name="t" select="@created"/></xsl:call-template></span>
            </h3>
            <dl class="kv">
              <dt><xsl:value-of select="m:t('appeal.grounds')"/></dt>
              <dd><xsl:value-of select="m:t(concat('appeal.grounds.', @grounds))"/></dd>
              <dt><xsl:value-of select="m:t('appeal.reason')"/></dt>
              <dd class="pre"><xsl:value-of select="reason"/></dd>
              <xsl:if test="@status = 'decided'">
                <dt><xsl:value-of select="m:t('appeal.decision')"/></dt>
                <dd>
                  <strong><xsl:value-of select="m:t(concat('appeal.decision.', @decision))"/></strong>
                  <xsl:text> · </xsl:text>
                  <span class="muted"><xsl:call-template name="time"><xsl:with-param name="t" select="@decided"/></xsl:call-template></span>
                </dd>
                <xsl:if test="note">
                  <dt><xsl:value-of select="m:t('appeal.note')"/></dt>
                  <dd class="pre"><xsl:value-of select="note"/></dd>
                </xsl:if>
              </xsl:if>
            </dl>
          </article>
        </xsl:for-each>
      </section>
    </xsl:if>

    <section class="panel">
      <h2><xsl:value-of select="m:t('delivery.info')"/></h2>
      <dl class="kv">
        <dt><xsl:value-of select="m:t('delivery.no')"/></dt>
        <dd><xsl:value-of select="$d/@no"/></dd>
        <dt><xsl:value-of select="m:t('delivery.product')"/></dt>
        <dd><a href="/products/{$d/@product-id}"><xsl:value-of select="$d/product"/></a></dd>
        <dt><xsl:value-of select="m:t('delivery.spec')"/></dt>
        <dd><xsl:value-of select="$d/spec"/></dd>
        <dt><xsl:value-of select="m:t('delivery.vendor')"/></dt>
        <dd><xsl:value-of select="$d/vendor"/></dd>
        <dt><xsl:value-of select="m:t('delivery.instance')"/></dt>
        <dd><a href="/services/{$d/@instance}"><xsl:value-of select="$d/@instance"/></a></dd>
        <dt><xsl:value-of select="m:t('delivery.created')"/></dt>
        <dd><xsl:call-template name="time"><xsl:with-param name="t" select="$d/@created"/></xsl:call-template></dd>
        <xsl:if test="string($d/@completed)">
          <dt><xsl:value-of select="m:t('delivery.completed')"/></dt>
          <dd><xsl:call-template name="time"><xsl:with-param name="t" select="$d/@completed"/></xsl:call-template></dd>
        </xsl:if>
      </dl>
    </section>

    <section class="panel">
      <h2><xsl:value-of select="m:t('delivery.requirement')"/></h2>
      <xsl:choose>
        <xsl:when test="$d/requirements/requirement">
          <xsl:for-each select="$d/requirements/requirement">
            <article class="requirement">
              <h3>
                <xsl:value-of select="m:t('delivery.version', @version)"/>
                <xsl:if test="@confirmed = '1'">
                  <xsl:text> </xsl:text>
                  <span class="badge"><xsl:value-of select="m:t('delivery.confirmed_version')"/></span>
                </xsl:if>
                <xsl:text> </xsl:text>
                <span class="muted"><xsl:call-template name="time"><xsl:with-param name="t" select="@created"/></xsl:call-template></span>
              </h3>
              <dl class="kv">
                <xsl:for-each select="title | description | contact">
                  <dt>
                    <xsl:value-of select="m:t(concat('delivery.req.', local-name()))"/>
                    <xsl:if test="@changed = '1'">
                      <xsl:text> </xsl:text>
                      <span class="badge changed"><xsl:value-of select="m:t('delivery.changed')"/></span>
                    </xsl:if>
                  </dt>
                  <dd class="pre"><xsl:value-of select="."/></dd>
                </xsl:for-each>
              </dl>
              <xsl:call-template name="files">
                <xsl:with-param name="list" select="$d/attachments/attachment[@version = current()/@version]"/>
              </xsl:call-template>
            </article>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise><p class="empty"><xsl:value-of select="m:t('delivery.no_requirement')"/></p></xsl:otherwise>
      </xsl:choose>
    </section>

    <section class="panel">
      <h2><xsl:value-of select="m:t('delivery.history')"/></h2>
      <ol class="timeline">
        <xsl:for-each select="$d/history/entry">
          <li>
            <span class="when"><xsl:call-template name="time"><xsl:with-param name="t" select="@at"/></xsl:call-template></span>
            <xsl:text> </xsl:text>
            <strong><xsl:value-of select="m:t(concat('delivery.history.', @type))"/></strong>
            <xsl:if test="string(@version)">
              <xsl:text> · </xsl:text><xsl:value-of select="m:t('delivery.version', @version)"/>
            </xsl:if>
            <xsl:text> · </xsl:text>
            <span class="muted"><xsl:value-of select="m:t(concat('actor.', @actor))"/></span>
            <xsl:if test="note and not(@type = 'requirement_submitted' or @type = 'requirement_updated')">
              <p class="note pre"><xsl:value-of select="note"/></p>
            </xsl:if>
            <xsl:call-template name="files">
              <xsl:with-param name="list" select="$d/attachments/attachment[@history = current()/@id]"/>
            </xsl:call-template>
          </li>
        </xsl:for-each>
      </ol>
    </section>
  </xsl:template>

  <!-- Files, each a download: name, size, who uploaded it. -->
  <xsl:template name="files">
    <xsl:param name="list"/>
    <xsl:if test="$list">
      <ul class="files">
        <xsl:for-each select="$list">
          <li>
            <a href="/deliveries/{/page/delivery/@no}/attachments/{@id}" download=""><xsl:value-of select="@name"/></a>
            <xsl:text> </xsl:text>
            <span class="muted"><xsl:call-template name="file-size"><xsl:with-param name="b" select="@size"/></xsl:call-template></span>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
